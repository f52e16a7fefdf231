//! The control token: named on the command line or in `PLENARY_TOKEN`, or generated on first
//! start into the data directory. Compared in constant time.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use subtle::ConstantTimeEq;

/// A bearer token that authorizes control (and, if asked, reading).
#[derive(Clone)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// Where the token came from, for the start-up message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--token` or `PLENARY_TOKEN`.
    Given,
    /// Read from this file, generated on an earlier start.
    File(PathBuf),
    /// Generated now into this file.
    Generated(PathBuf),
}

/// Why no token could be had.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the control token must be at least 16 characters (it is {0})")]
    TooShort(usize),
    #[error("control token file {path}: {message}")]
    File { path: String, message: String },
    /// The token file can be read by others than its owner.
    #[error(
        "control token file {path} can be read by other users (mode {mode:o}); make it yours \
         alone with `chmod 600 {path}`, or give the token with --token or PLENARY_TOKEN"
    )]
    Exposed { path: String, mode: u32 },
    #[error("no random numbers for a control token: {0}")]
    Random(String),
}

/// Refuses a token file that its group or others may read.
fn refuse_exposed(file: &Path) -> Result<(), TokenError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(file)
            .map_err(|e| TokenError::File {
                path: file.display().to_string(),
                message: e.to_string(),
            })?
            .permissions()
            .mode()
            & 0o777;
        if mode & 0o077 != 0 {
            return Err(TokenError::Exposed {
                path: file.display().to_string(),
                mode,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// The shortest token accepted.
pub const MIN_LEN: usize = 16;

impl Token {
    /// A given token, checked for length.
    pub fn new(text: &str) -> Result<Token, TokenError> {
        let text = text.trim();
        if text.chars().count() < MIN_LEN {
            return Err(TokenError::TooShort(text.chars().count()));
        }
        Ok(Token(text.to_string()))
    }

    /// The given token, or the one in `file`, or a new one generated into `file`.
    pub fn resolve(given: Option<&str>, file: &Path) -> Result<(Token, Origin), TokenError> {
        if let Some(text) = given {
            return Ok((Token::new(text)?, Origin::Given));
        }
        let file_error = |e: std::io::Error| TokenError::File {
            path: file.display().to_string(),
            message: e.to_string(),
        };
        match fs::read_to_string(file) {
            Ok(text) => {
                refuse_exposed(file)?;
                let token = Token::new(&text).map_err(|e| TokenError::File {
                    path: file.display().to_string(),
                    message: match e {
                        TokenError::TooShort(0) => "it is empty: delete it and a new token is \
                             generated at the next start, or give one with --token"
                            .into(),
                        other => other.to_string(),
                    },
                })?;
                return Ok((token, Origin::File(file.to_path_buf())));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(file_error(e)),
        }
        let token = Token::generate()?;
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(file_error)?;
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut out = options.open(file).map_err(file_error)?;
        writeln!(out, "{}", token.0)
            .and_then(|()| out.sync_all())
            .map_err(file_error)?;
        Ok((token, Origin::Generated(file.to_path_buf())))
    }

    /// 32 random bytes from the operating system, as hex.
    pub fn generate() -> Result<Token, TokenError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| TokenError::Random(e.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// Whether `candidate` is this token, compared in constant time.
    pub fn matches(&self, candidate: &str) -> bool {
        bool::from(self.0.as_bytes().ct_eq(candidate.as_bytes()))
    }

    /// The token's text (to print it once, when generated).
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_token_is_kept_in_its_file_and_read_back() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("plenary").join("token");
        let (first, origin) = Token::resolve(None, &file).expect("generated");
        assert_eq!(origin, Origin::Generated(file.clone()));
        assert_eq!(first.reveal().len(), 64);
        let (second, origin) = Token::resolve(None, &file).expect("read");
        assert_eq!(origin, Origin::File(file.clone()));
        assert!(second.matches(first.reveal()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "only the owner may read the token");
        }
    }

    #[test]
    fn a_given_token_wins_and_a_short_one_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("token");
        let (token, origin) = Token::resolve(Some("correct horse battery"), &file).expect("ok");
        assert_eq!(origin, Origin::Given);
        assert!(token.matches("correct horse battery"));
        assert!(!token.matches("correct horse batterx"));
        assert!(!token.matches("correct horse"));
        assert!(!file.exists());
        assert!(matches!(
            Token::resolve(Some("short"), &file),
            Err(TokenError::TooShort(5))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn an_exposed_or_empty_token_file_is_refused_naming_it_and_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("token");
        fs::write(&file, "0123456789abcdef0123456789abcdef\n").expect("write");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = Token::resolve(None, &file)
            .expect_err("exposed")
            .to_string();
        assert!(err.contains(&file.display().to_string()), "{err}");
        assert!(err.contains("chmod 600"), "{err}");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).expect("chmod");
        assert!(Token::resolve(None, &file).is_ok());
        fs::write(&file, "").expect("empty");
        let err = Token::resolve(None, &file).expect_err("empty").to_string();
        assert!(
            err.contains(&file.display().to_string()) && err.contains("empty"),
            "{err}"
        );
    }
}
