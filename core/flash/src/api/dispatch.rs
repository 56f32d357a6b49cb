//! One entry point for every binding: an operation name and a JSON request in, a JSON envelope
//! out (`{"ok": report}` or `{"error": {kind, message, help, place, details}}`).

use super::cancel::block_on_cancellable;
use super::error::{ApiError, ErrorKind};
use super::ops;
use super::request::{
    AcceptRequest, AdoptRequest, ApplyRequest, BranchPairRequest, BranchRequest, CheckoutRequest,
    DownRequest, ExportRequest, GenerateRequest, ImportRequest, InitRequest, MigrateRequest,
    PlanRequest, ProjectOptions, PullRequest, RawRequest, ResetRequest, SeedRequest,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The operation names [`call`] knows.
pub const OPERATIONS: &[&str] = &[
    "version",
    "init",
    "plan",
    "migrate",
    "apply",
    "down",
    "status",
    "reset",
    "raw",
    "accept",
    "databases",
    "generate",
    "pull",
    "baseline",
    "absorb_drift",
    "export",
    "import",
    "seed",
    "branches",
    "create_branch",
    "checkout",
    "delete_branch",
    "rename_branch",
    "diff_branches",
];

/// The result of a call as the bindings receive it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    Ok(Value),
    Error(ApiError),
}

impl Envelope {
    /// The envelope as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            // Only a report with a non-string map key could fail; say so rather than panic.
            format!(
                r#"{{"error":{{"kind":"internal","message":"cannot encode the result: {}","help":null,"place":null,"details":[]}}}}"#,
                e.to_string().replace('"', "'")
            )
        })
    }
}

/// Project options alone: the request of `status` and `databases`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectRequest {
    #[serde(default)]
    project: ProjectOptions,
}

/// No options: the request of `version`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

fn parse<T: DeserializeOwned>(op: &str, input: &str) -> Result<T, ApiError> {
    let text = if input.trim().is_empty() || input.trim() == "null" {
        "{}"
    } else {
        input
    };
    serde_json::from_str(text).map_err(|e| {
        let mut err = ApiError::new(ErrorKind::InvalidRequest, format!("{op}: {e}"));
        err.help = Some("see docs/API.md for the fields of each operation".into());
        err
    })
}

fn encode<T: Serialize>(value: T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| {
        ApiError::new(
            ErrorKind::Internal,
            format!("cannot encode the result: {e}"),
        )
    })
}

/// Runs operation `op` with the JSON request `input`.
pub async fn call(op: &str, input: &str) -> Result<Value, ApiError> {
    match op {
        "version" => {
            parse::<Empty>(op, input)?;
            encode(ops::version())
        }
        "init" => encode(ops::init(&parse::<InitRequest>(op, input)?)?),
        "plan" => encode(ops::plan(&parse::<PlanRequest>(op, input)?).await?),
        "migrate" => encode(ops::migrate(&parse::<MigrateRequest>(op, input)?).await?),
        "apply" => encode(ops::apply(&parse::<ApplyRequest>(op, input)?).await?),
        "down" => encode(ops::down(&parse::<DownRequest>(op, input)?).await?),
        "status" => encode(ops::status(&parse::<ProjectRequest>(op, input)?.project).await?),
        "reset" => encode(ops::reset(&parse::<ResetRequest>(op, input)?).await?),
        "raw" => encode(ops::raw(&parse::<RawRequest>(op, input)?).await?),
        "accept" => encode(ops::accept(&parse::<AcceptRequest>(op, input)?).await?),
        "generate" => encode(ops::generate(&parse::<GenerateRequest>(op, input)?)?),
        "pull" => encode(ops::pull(&parse::<PullRequest>(op, input)?).await?),
        "baseline" => encode(ops::baseline(&parse::<AdoptRequest>(op, input)?).await?),
        "absorb_drift" => encode(ops::absorb_drift(&parse::<AdoptRequest>(op, input)?).await?),
        "export" => encode(ops::export(&parse::<ExportRequest>(op, input)?).await?),
        "import" => encode(ops::import(&parse::<ImportRequest>(op, input)?).await?),
        "seed" => encode(ops::seed(&parse::<SeedRequest>(op, input)?).await?),
        "branches" => encode(ops::branches(&parse::<ProjectRequest>(op, input)?.project).await?),
        "create_branch" => encode(ops::create_branch(&parse::<BranchRequest>(op, input)?).await?),
        "checkout" => encode(ops::checkout(&parse::<CheckoutRequest>(op, input)?).await?),
        "delete_branch" => encode(ops::delete_branch(&parse::<BranchRequest>(op, input)?).await?),
        "rename_branch" => {
            encode(ops::rename_branch(&parse::<BranchPairRequest>(op, input)?).await?)
        }
        "diff_branches" => {
            encode(ops::diff_branches(&parse::<BranchPairRequest>(op, input)?).await?)
        }
        "databases" => encode(ops::databases(
            &parse::<ProjectRequest>(op, input)?.project,
        )?),
        other => {
            let mut e = ApiError::new(ErrorKind::NotFound, format!("unknown operation `{other}`"));
            e.details = OPERATIONS.iter().map(|s| s.to_string()).collect();
            Err(e)
        }
    }
}

/// Runs operation `op` to completion on the calling thread and returns the envelope as JSON.
///
/// `is_cancelled` is asked every 50 ms; when it says yes the operation stops (see
/// [`block_on_cancellable`]) and the envelope holds a `cancelled` error.
pub fn call_blocking(op: &str, input: &str, is_cancelled: &mut dyn FnMut() -> bool) -> String {
    let envelope = match block_on_cancellable(call(op, input), is_cancelled) {
        Ok(Ok(Ok(v))) => Envelope::Ok(v),
        Ok(Ok(Err(e))) => Envelope::Error(e),
        Ok(Err(_)) => Envelope::Error(ApiError::new(
            ErrorKind::Cancelled,
            format!("{op} was cancelled; an unfinished migration was rolled back where the database allows it"),
        )),
        Err(e) => Envelope::Error(ApiError::new(
            ErrorKind::Internal,
            format!("cannot start the async runtime: {e}"),
        )),
    };
    envelope.to_json()
}
