//! The one error of the HTTP API: every refused request, whatever refused it, answers with a
//! status and the same JSON body, [`ErrorBody`] — `{"error": "what is wrong and where"}`, with
//! the command's `id` when there is one and `"applied": false` when the journal could not
//! record it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::messages::ErrorBody;

/// A refused request: its status and what to tell the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The command's id, when a command was refused.
    pub id: Option<String>,
    /// `Some(false)` when the command was not applied (the journal could not record it).
    pub applied: Option<bool>,
}

impl ApiError {
    /// An error with `status` saying `message`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            id: None,
            applied: None,
        }
    }

    /// 400: the request is not understood; `message` names the place and the problem.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: nothing is served at that address; `message` says what is.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 401: the token is missing or wrong (answered with `WWW-Authenticate`).
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, message)
    }

    /// The same error about the command `id`.
    pub fn about(mut self, id: &str) -> ApiError {
        self.id = Some(id.to_string());
        self
    }

    /// The same error, saying the command was not applied.
    pub fn not_applied(mut self) -> ApiError {
        self.applied = Some(false);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.message,
            id: self.id,
            applied: self.applied,
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"plenary\""),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(response: Response) -> serde_json::Value {
        let bytes = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .expect("body");
        serde_json::from_slice(&bytes).expect("json")
    }

    #[tokio::test]
    async fn every_error_has_one_shape() {
        let plain = ApiError::bad_request("/api/v1/extend/x: say a number").into_response();
        assert_eq!(plain.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            body(plain).await,
            serde_json::json!({"error": "/api/v1/extend/x: say a number"})
        );
        let refused = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the journal failed")
            .about("btn-7")
            .not_applied()
            .into_response();
        assert_eq!(
            body(refused).await,
            serde_json::json!({"error": "the journal failed", "id": "btn-7", "applied": false})
        );
        let denied = ApiError::unauthorized("the token is wrong").into_response();
        assert!(denied.headers().contains_key(header::WWW_AUTHENTICATE));
    }
}
