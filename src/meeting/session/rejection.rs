//! Why the session refused a command: one variant per reason, each displayed in the chair's words.

use crate::meeting::clock::ClockError;
use crate::meeting::config::SpeakerProblem;
use crate::meeting::ids::TurnId;

/// The longest message the podium shows.
pub const MESSAGE_MAX_CHARS: usize = 140;

/// A command the session refused. `Display` is the sentence the chair reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// `BeginMeeting` or `Insert` named a meeting the program does not have.
    #[error("there is no meeting `{0}` in the program")]
    NoSuchMeeting(String),
    /// `BeginMeeting` on the meeting already in progress.
    #[error("meeting `{0}` is already in progress")]
    MeetingInProgress(String),
    /// `BeginSegment` named a segment the current meeting does not have.
    #[error("the current meeting has no segment `{0}`")]
    NoSuchSegment(String),
    /// A turn id that names no speaker or item.
    #[error("there is no speaker {0}")]
    NoSuchTurn(TurnId),
    /// `Call` on a speaker inscribed for another meeting.
    #[error("{who} is on the list of meeting `{meeting}`; begin that meeting first")]
    OtherMeeting { who: String, meeting: String },
    /// `Call` on a speaker who is not waiting.
    #[error("{who} is not waiting to speak ({status})")]
    NotWaiting { who: String, status: String },
    /// A list operation on a speaker who is not waiting.
    #[error("{who} cannot be {verb}: {status}")]
    NotPending {
        who: String,
        verb: &'static str,
        status: String,
    },
    /// A list operation on the speaker whose clock has started.
    #[error("{who} is speaking; end the speech first")]
    Speaking { who: String },
    /// A change of meeting, segment or speaker while a speech is under way.
    #[error("{who} has the floor; end the speech (Next) before {doing}")]
    FloorTaken { who: String, doing: &'static str },
    /// `Recall` while a speech is under way.
    #[error("{who} is speaking; end the speech (Next) before recalling the previous speaker")]
    SpeakingBeforeRecall { who: String },
    /// `Recall` with no speech ended in this meeting.
    #[error("no one has spoken yet in this meeting")]
    NothingToRecall,
    /// A clock operation with no one on the floor.
    #[error("no one has the floor")]
    NoFloor,
    /// `Start` or `Next` on a list with no one to call.
    #[error("{0}")]
    NothingToCall(NothingToCall),
    /// The speech clock refused (already running, not paused, no limit…).
    #[error(transparent)]
    Clock(#[from] ClockError),
    /// `Extend` by zero.
    #[error("an extension of 0 seconds changes nothing")]
    ZeroExtension,
    /// `Extend` by more than a day.
    #[error("an extension is at most 24 hours")]
    ExtensionTooLong,
    /// `SetRemaining` to more than a day.
    #[error("the remaining time is at most 24 hours")]
    RemainingTooLong,
    /// A 1-based position outside the list.
    #[error("position {position} is not on the list (1 to {last})")]
    NoSuchPosition { position: usize, last: usize },
    /// `Reinstate` on a speaker who is not struck.
    #[error("{who} is not struck from the list")]
    NotStruck { who: String },
    /// `SetName` on an agenda item.
    #[error("{who} is an agenda item; it has no speaker's name")]
    ItemHasNoName { who: String },
    /// `SetName` with the name the speaker already has.
    #[error("{who} is already named {name}")]
    SameName { who: String, name: String },
    /// `Defer` on an agenda item.
    #[error("{who} is an agenda item; it is not deferred")]
    ItemNotDeferred { who: String },
    /// `CarryOver` or `ApplyPrecedence` in a meeting without a list of speakers.
    #[error("the current meeting has no list of speakers")]
    NoListHere,
    /// `Insert` into a meeting without a list of speakers.
    #[error("meeting `{0}` has no list of speakers")]
    NoList(String),
    /// `CarryOver` with no one waiting.
    #[error("no speakers are waiting on the list; there is nothing to carry over")]
    NothingToCarryOver,
    /// `BeginMeeting` with no word on the speakers still waiting on the list being left.
    #[error(
        "{count} speaker(s) still wait on the list of `{meeting}`: say whether to carry them over \
         to the next plenary meeting or leave them on the list (waiting: CarryOver or Leave)"
    )]
    SpeakersWaiting { count: usize, meeting: String },
    /// `BeginSegment` past the list of speakers with no word on the speakers still waiting.
    #[error(
        "{count} speaker(s) still wait on the list of speakers: before going to `{segment}`, say \
         whether to carry them over to the next plenary meeting or leave them on the list \
         (waiting: CarryOver or Leave)"
    )]
    SpeakersWaitingInSegment { count: usize, segment: String },
    /// `Defer` or `CarryOver` from the last plenary meeting.
    #[error("there is no later plenary meeting to move speakers to")]
    NoLaterPlenary,
    /// `Insert` with a speaker that does not fit the program.
    #[error("speaker{0}")]
    BadSpeaker(#[from] SpeakerProblem),
    /// `Message` with nothing in it.
    #[error("the message is empty")]
    EmptyMessage,
    /// `Message` longer than the podium shows.
    #[error("the message is longer than {MESSAGE_MAX_CHARS} characters")]
    MessageTooLong,
    /// `ClearMessage` with no message shown.
    #[error("there is no message on the podium")]
    NoMessage,
    /// `Blackout(on: true)` on a blank podium.
    #[error("the podium is already blacked out")]
    AlreadyBlackedOut,
    /// `Blackout(on: false)` on a podium that shows.
    #[error("the podium is not blacked out")]
    NotBlackedOut,
    /// A change of the floor while a point of order (motion, ruling) interrupts it.
    #[error("{what} interrupts the floor; give the floor back first")]
    Interrupted { what: String },
    /// `GiveFloorBack` with nothing interrupting.
    #[error("nothing interrupts the floor; there is no floor to give back")]
    NotInterrupted,
    /// `Defer` on a reply or an explanation of vote.
    #[error(
        "{who}: a reply or an explanation of vote belongs to its meeting and is not deferred; \
         strike it instead"
    )]
    BelongsToItsMeeting { who: String },
    /// `InscribeReply` for a meeting with no right-of-reply list.
    #[error(
        "meeting `{0}` has no right of reply (only a plenary meeting with a list of speakers has one)"
    )]
    NoRepliesHere(String),
    /// `InscribeReply` or `ExplainVote` with no delegation named.
    #[error("name the delegation")]
    NoDelegation,
    /// A third reply without the President's leave.
    #[error(
        "{delegation} has already replied twice in `{meeting}` (a first reply of {first}, a \
         second of {second}): the General Assembly allows two replies on the same item; a \
         third needs the President's leave (override)"
    )]
    ThirdReply {
        delegation: String,
        meeting: String,
        first: String,
        second: String,
    },
    /// `ExplainVote` on a turn that is not an agenda item.
    #[error("{who} is not an agenda item; explanations of vote follow an item voted on")]
    NotAnItem { who: String },
    /// `ExplainVote` at an item whose program takes none, without the chair's override.
    #[error("no explanation of vote at {item}: {rule} (the chair may override)")]
    ExplanationsFolded { item: String, rule: String },
    /// `Interrupt` with a delegation's name that is too long to be one.
    #[error("the delegation's name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
}

impl Rejection {
    /// Whether the chair may override this refusal (the same command, `overriding`).
    pub fn overridable(&self) -> bool {
        matches!(
            self,
            Rejection::ThirdReply { .. } | Rejection::ExplanationsFolded { .. }
        )
    }
}

/// The longest name of a delegation a command may carry.
pub const MAX_NAME_CHARS: usize = 200;

/// Why there is no one to call, in the chair's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NothingToCall {
    /// The meeting's lists hold no one at all.
    #[error("the list of speakers is empty")]
    EmptyList,
    /// Everyone on the meeting's lists has spoken, been struck or deferred.
    #[error("no speakers are left on the list of this meeting")]
    NoneLeft,
    /// Speakers wait only in earlier segments.
    #[error("no speakers are left in this segment or after it")]
    NoneLeftFromHere,
}
