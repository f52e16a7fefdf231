//! The JSON the network layer serves: the session at one instant in plain fields a browser
//! can use, with the speech clock as a deadline in server time so that clients count down
//! by themselves between changes.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::meeting::program::{Content, MeetingKind};
use crate::meeting::{AnchorForecast, Millis, Phase, Session, Stamp, Status, TurnId};
use crate::meeting::{Interruption, Lang};
use crate::view::{self, HallView, ListRow, PodiumView};

/// `GET /api/v1/state` and each message of `/api/v1/stream`.
#[derive(Clone, Debug, Serialize)]
pub struct State {
    /// The journal sequence number of the last accepted command: changes with every change.
    pub seq: u64,
    /// The server's clock when this state was taken (ms since the Unix epoch, UTC).
    pub server_time: i64,
    /// The venue's time zone (IANA name): the local clock is shown in it.
    pub time_zone: String,
    /// The warning threshold: the podium warns when this much is left.
    pub warning_ms: i64,
    pub meeting: MeetingState,
    /// Whoever has the floor, with their clock.
    pub speech: Option<Speech>,
    /// What the native podium window shows at `server_time`.
    pub podium: PodiumView,
    /// What the native hall window shows at `server_time`.
    pub hall: HallView,
    /// The current meeting's list of speakers, every segment, with forecast starts.
    pub list: Vec<ListRow>,
    /// When the speech on the floor is expected to end.
    pub floor_ends: Option<DateTime<Utc>>,
    /// The changeover gap the forecast assumes.
    pub changeover_ms: i64,
    /// How the list stands against the fixed times (end of meeting, a segment at 17:30).
    pub anchors: Vec<AnchorForecast>,
    /// The message on the podium.
    pub message: Option<String>,
    pub blackout: bool,
    /// A point of order (motion, ruling) holding the floor: the views count its own clock up
    /// from `origin`; `speech` keeps the interrupted speaker's clock, stopped.
    pub interruption: Option<InterruptionState>,
    /// The journal failed to record the last command: nothing was applied.
    pub journal_alarm: Option<String>,
}

/// An interruption of the floor, as the browser views show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InterruptionState {
    pub cause: Interruption,
    /// "Point of order".
    pub label: String,
    /// The podium's second cue: "POINT OF ORDER".
    pub cue: String,
    /// The delegation that raised it.
    pub by: Option<String>,
    /// When it began, in server time (ms since the Unix epoch): `elapsed = now − origin`.
    pub origin: i64,
}

impl InterruptionState {
    /// The interruption of `session`'s floor, if any, named in `lang`.
    pub fn of(session: &Session, lang: Lang) -> Option<InterruptionState> {
        let words = crate::view::translations::words(lang);
        session.interrupted().map(|i| InterruptionState {
            cause: i.cause,
            label: words.interruption(i.cause).to_string(),
            cue: words.interruption(i.cause).to_uppercase(),
            by: i
                .by
                .as_deref()
                .map(|by| crate::view::names::delegation(lang, by)),
            origin: i.since.wall.timestamp_millis(),
        })
    }
}

/// The current meeting and segment.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingState {
    pub id: String,
    pub title: String,
    pub kind: MeetingKind,
    pub begun: bool,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub theme: Option<String>,
    pub segment: String,
    pub segment_title: String,
}

/// The speech on the floor and its clock.
#[derive(Clone, Debug, Serialize)]
pub struct Speech {
    pub turn: TurnId,
    /// How the chair names the turn: "Ghana (on behalf of the Group of African States)".
    pub who: String,
    pub delegation: Option<String>,
    /// The speaker's name (empty for an agenda item).
    pub speaker: String,
    pub title: String,
    /// The statement kind's label, or "Agenda item".
    pub kind: String,
    pub phase: Phase,
    pub started: bool,
    pub running: bool,
    pub paused: bool,
    /// What the podium shows: `2:59`, `0:00`, `+0:05`.
    pub shown: String,
    pub elapsed_ms: i64,
    pub limit_ms: Option<i64>,
    pub remaining_ms: Option<i64>,
    /// While the clock runs and has a limit: when the remaining time reaches zero, in
    /// server time (ms since the Unix epoch). `remaining = deadline − server now`.
    pub deadline: Option<i64>,
    /// While the clock runs: when the elapsed time was zero, in server time.
    /// `elapsed = server now − origin`.
    pub origin: Option<i64>,
}

impl State {
    /// The state of `session` at `now`; `seq` and `journal_alarm` come from the host.
    pub fn new(session: &Session, now: &Stamp, seq: u64, journal_alarm: Option<String>) -> State {
        let program = session.program();
        let meeting = session.meeting();
        let segment = &meeting.segments[session.segment_index()];
        let forecast = session.forecast(now);
        let server_time = now.wall.timestamp_millis();
        State {
            seq,
            server_time,
            time_zone: program.time_zone.name().to_string(),
            warning_ms: program.warning.0,
            meeting: MeetingState {
                id: meeting.id.clone(),
                title: meeting.title.clone(),
                kind: meeting.kind,
                begun: session.meeting_begun(),
                start: meeting.start,
                end: meeting.end,
                theme: meeting.theme.clone(),
                segment: segment.id.clone(),
                segment_title: segment.title.clone(),
            },
            speech: speech(session, now),
            podium: view::podium(session, now),
            hall: view::hall(session, now),
            list: view::list_rows(session, &forecast, session.meeting_index()),
            floor_ends: forecast.floor_ends,
            changeover_ms: forecast.gap.0,
            anchors: forecast.anchors,
            message: session.message().map(str::to_string),
            blackout: session.blackout(),
            interruption: InterruptionState::of(session, Lang::En),
            journal_alarm,
        }
    }
}

fn speech(session: &Session, now: &Stamp) -> Option<Speech> {
    let floor = session.floor()?;
    let turn = session.turn(floor.turn)?;
    let reading = session.reading(now)?;
    let (delegation, speaker, title) = match &turn.inscription.content {
        Content::Speaker(s) => (s.delegation.clone(), s.name.clone(), s.title.clone()),
        Content::Item(_) => (None, String::new(), String::new()),
    };
    let kind = session.program().kind_label(&turn.inscription.content);
    let server_time = now.wall.timestamp_millis();
    let running = floor.clock.is_running();
    let at = |span: Millis| server_time.saturating_add(span.0);
    Some(Speech {
        turn: turn.id,
        who: turn.who(),
        delegation,
        speaker,
        title,
        kind,
        phase: reading.phase,
        started: floor.clock.is_started(),
        running,
        paused: reading.paused,
        shown: reading.shown,
        elapsed_ms: reading.elapsed.0,
        limit_ms: reading.limit.map(|l| l.0),
        remaining_ms: reading.remaining.map(|r| r.0),
        deadline: reading.remaining.filter(|_| running).map(at),
        origin: running.then(|| at(-reading.elapsed)),
    })
}

/// `GET /api/v1/program`: the program and every list of speakers as they stand.
#[derive(Clone, Debug, Serialize)]
pub struct ProgramState {
    pub body: String,
    pub session: String,
    pub title: String,
    pub time_zone: String,
    pub warning_ms: i64,
    pub kinds: Vec<KindState>,
    pub meetings: Vec<ProgramMeeting>,
}

/// A statement kind and its time limit.
#[derive(Clone, Debug, Serialize)]
pub struct KindState {
    pub id: String,
    pub label: String,
    pub limit_ms: Option<i64>,
}

/// A meeting of the program with its segments.
#[derive(Clone, Debug, Serialize)]
pub struct ProgramMeeting {
    pub id: String,
    pub title: String,
    pub kind: MeetingKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub theme: Option<String>,
    pub co_chairs: Vec<String>,
    pub segments: Vec<ProgramSegment>,
}

/// A segment with its turns in order.
#[derive(Clone, Debug, Serialize)]
pub struct ProgramSegment {
    pub id: String,
    pub title: String,
    pub start: Option<DateTime<Utc>>,
    pub fixed: bool,
    pub turns: Vec<TurnState>,
}

/// One speaker or item on a list.
#[derive(Clone, Debug, Serialize)]
pub struct TurnState {
    pub turn: TurnId,
    pub position: usize,
    pub who: String,
    pub speaker: String,
    pub kind: String,
    pub allotted_ms: Option<i64>,
    pub status: Status,
}

impl ProgramState {
    /// The program of `session`, with its lists as they stand.
    pub fn new(session: &Session) -> ProgramState {
        let program = session.program();
        ProgramState {
            body: program.body.clone(),
            session: program.session.clone(),
            title: program.title.clone(),
            time_zone: program.time_zone.name().to_string(),
            warning_ms: program.warning.0,
            kinds: program
                .kinds
                .values()
                .map(|k| KindState {
                    id: k.id.clone(),
                    label: k.label.clone(),
                    limit_ms: k.limit.map(|l| l.0),
                })
                .collect(),
            meetings: program
                .meetings
                .iter()
                .enumerate()
                .map(|(mi, m)| ProgramMeeting {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    kind: m.kind,
                    start: m.start,
                    end: m.end,
                    theme: m.theme.clone(),
                    co_chairs: m
                        .co_chairs
                        .iter()
                        .map(|c| format!("{} ({})", c.name, c.delegation))
                        .collect(),
                    segments: m
                        .segments
                        .iter()
                        .enumerate()
                        .map(|(si, s)| ProgramSegment {
                            id: s.id.clone(),
                            title: s.title.clone(),
                            start: s.start,
                            fixed: s.fixed,
                            turns: session
                                .list(mi, si)
                                .iter()
                                .filter_map(|id| session.turn(*id))
                                .map(|t| turn_state(session, t))
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn turn_state(session: &Session, turn: &crate::meeting::Turn) -> TurnState {
    let (speaker, kind) = match &turn.inscription.content {
        Content::Speaker(s) => (s.name.clone(), s.kind.clone()),
        Content::Item(_) => (String::new(), "item".into()),
    };
    TurnState {
        turn: turn.id,
        position: session.position(turn.id).unwrap_or(0),
        who: turn.who(),
        speaker,
        kind,
        allotted_ms: turn.inscription.allotted.map(|a| a.0),
        status: turn.status.clone(),
    }
}
