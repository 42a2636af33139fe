//! Reading each workbook in a child process. calamine aborts the whole process on some
//! crafted files (a shared-string table claiming four billion entries, a cell at XFD1048576):
//! an abort cannot be caught in-process, so the workbooks are read by children — the same
//! binary, hidden subcommand `oku-cocuk` — under a memory and CPU limit and a wall-clock
//! timeout per file. Whatever happens to a child becomes a Y004 for the one file it was reading.
//!
//! A child reads a batch of files one after another and answers each on a line of its own
//! (one batch per core): starting the binary costs more than reading a directorate's workbook,
//! and forty children took 0,2 s of a build (docs/src/gelistirici/hiz.md). When a child dies
//! or overruns on a file, a new child reads the rest, that file first: a file costs a finding
//! only when it fails as the first file of a child, as it did with a child per file.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::discover::{Candidate, WorkbookKind};
use super::read::{self, RawWorkbook, ReadFailure};
use super::WorkbookReader;
use crate::config::{Limits, Project};

/// The subcommand name the child runs.
pub const CHILD_COMMAND: &str = "oku-cocuk";

/// The limits a child works under, from kurum.yaml's `okuma`: the reader's and the marker's
/// (`crate::mark`) requests carry them alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildLimits {
    pub max_file_bytes: u64,
    pub max_cells: u64,
    pub max_rows: u32,
    pub max_cols: u32,
    pub memory_mb: u64,
    pub cpu_seconds: u64,
}

impl ChildLimits {
    pub fn of(limits: &Limits) -> ChildLimits {
        ChildLimits {
            max_file_bytes: limits.max_file_bytes,
            max_cells: limits.max_cells,
            max_rows: limits.max_rows,
            max_cols: limits.max_cols,
            memory_mb: limits.read_memory_mb,
            cpu_seconds: limits.read_seconds.ceil().max(1.0) as u64 + 1,
        }
    }

    /// The limits `read::read_file` checks in the child (time and memory are the process's).
    pub fn reading(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes,
            max_cells: self.max_cells,
            max_rows: self.max_rows,
            max_cols: self.max_cols,
            ..Limits::default()
        }
    }
}

/// What the parent tells the child.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChildRequest {
    pub path: PathBuf,
    pub kind: WorkbookKind,
    #[serde(flatten)]
    pub limits: ChildLimits,
    /// Test-only: the child sleeps this long before reading, so a test can watch the parent's
    /// timeout fire without a real slow workbook.
    #[serde(default)]
    pub test_delay_ms: Option<u64>,
}

/// What the child is given: one request, or a batch read in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ChildRequests {
    One(ChildRequest),
    Many(Vec<ChildRequest>),
}

/// What the child answers on stdout, one line per request.
pub type ChildAnswer = Result<RawWorkbook, ReadFailure>;

/// Reads workbooks in child processes of the given executable (the kitap binary).
pub struct IsolatedReader {
    exe: PathBuf,
    test_delay_ms: Option<u64>,
}

impl IsolatedReader {
    pub fn new(exe: impl Into<PathBuf>) -> IsolatedReader {
        IsolatedReader {
            exe: exe.into(),
            test_delay_ms: None,
        }
    }

    /// Test-only: every child sleeps `ms` milliseconds before reading.
    pub fn with_test_delay(mut self, ms: u64) -> IsolatedReader {
        self.test_delay_ms = Some(ms);
        self
    }

    /// The running kitap binary as the child.
    pub fn current() -> Option<IsolatedReader> {
        std::env::current_exe().ok().map(IsolatedReader::new)
    }
}

fn request_for(candidate: &Candidate, limits: &Limits, test_delay_ms: Option<u64>) -> ChildRequest {
    ChildRequest {
        path: candidate.path.clone(),
        kind: candidate.kind,
        limits: ChildLimits::of(limits),
        test_delay_ms,
    }
}

impl IsolatedReader {
    /// The checks that cost no process: the size and the first bytes.
    fn precheck(candidate: &Candidate, limits: &Limits) -> Result<(), ReadFailure> {
        let size = std::fs::metadata(&candidate.path)
            .map(|m| m.len())
            .map_err(|e| ReadFailure {
                reason: format!("dosya okunamadı: {e}"),
            })?;
        read::precheck_size(size, limits)?;
        read::precheck_magic(&read_head(&candidate.path, 8)?, candidate.kind)
    }

    /// Reads `batch` in children, one after another: one result per file, in order.
    fn read_batch(&self, batch: &[&Candidate], limits: &Limits) -> Vec<ChildAnswer> {
        let timeout = Duration::from_secs_f64(limits.read_seconds.max(0.1));
        let mut out = Vec::with_capacity(batch.len());
        while out.len() < batch.len() {
            let rest = &batch[out.len()..];
            let requests: Vec<ChildRequest> = rest
                .iter()
                .map(|c| request_for(c, limits, self.test_delay_ms))
                .collect();
            match serde_json::to_string(&requests) {
                Ok(json) => out.extend(run_batch(&self.exe, &json, rest.len(), timeout, limits)),
                Err(e) => out.extend(rest.iter().map(|_| {
                    Err(ReadFailure {
                        reason: e.to_string(),
                    })
                })),
            }
        }
        out
    }
}

impl WorkbookReader for IsolatedReader {
    fn read(&self, candidate: &Candidate, project: &Project) -> Result<RawWorkbook, ReadFailure> {
        self.read_all(std::slice::from_ref(candidate), project)
            .pop()
            .unwrap_or_else(|| {
                Err(ReadFailure {
                    reason: "okuyucu süreç yanıt vermedi".to_string(),
                })
            })
    }

    /// The cheap checks here (most non-workbooks never cost a process), then one batch of
    /// files per core, each read by a child.
    fn read_all(&self, candidates: &[Candidate], project: &Project) -> Vec<ChildAnswer> {
        let limits = &project.settings.limits;
        let mut results: Vec<Option<ChildAnswer>> = candidates
            .iter()
            .map(|c| Self::precheck(c, limits).err().map(Err))
            .collect();
        let pending: Vec<usize> = (0..candidates.len())
            .filter(|&i| results[i].is_none())
            .collect();
        let batches = rayon::current_num_threads().clamp(1, pending.len().max(1));
        let read: Vec<Vec<(usize, ChildAnswer)>> = (0..batches)
            .into_par_iter()
            .map(|b| {
                let mine: Vec<usize> = pending.iter().copied().skip(b).step_by(batches).collect();
                let files: Vec<&Candidate> = mine.iter().map(|&i| &candidates[i]).collect();
                mine.into_iter()
                    .zip(self.read_batch(&files, limits))
                    .collect()
            })
            .collect();
        for (i, answer) in read.into_iter().flatten() {
            results[i] = Some(answer);
        }
        results
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|| {
                    Err(ReadFailure {
                        reason: "okuyucu süreç yanıt vermedi".to_string(),
                    })
                })
            })
            .collect()
    }

    fn child_exe(&self) -> Option<&Path> {
        Some(&self.exe)
    }
}

fn read_head(path: &Path, n: usize) -> Result<Vec<u8>, ReadFailure> {
    let mut f = std::fs::File::open(path).map_err(|e| ReadFailure {
        reason: format!("dosya açılamadı: {e}"),
    })?;
    let mut buf = vec![0u8; n];
    let mut got = 0;
    while got < n {
        match f.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) => {
                return Err(ReadFailure {
                    reason: format!("dosya okunamadı: {e}"),
                })
            }
        }
    }
    buf.truncate(got);
    Ok(buf)
}

/// Starts `exe command request_json` with stdout and stderr piped; stderr is read (its first
/// 64 KB) by a thread of its own.
fn spawn_child(
    exe: &Path,
    command: &str,
    request_json: &str,
) -> Result<(Child, std::thread::JoinHandle<Vec<u8>>), ReadFailure> {
    let mut child = Command::new(exe)
        .arg(command)
        .arg(request_json)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ReadFailure {
            reason: format!("okuyucu süreç başlatılamadı: {e}"),
        })?;
    let mut stderr = child.stderr.take();
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.take(64 * 1024).read_to_end(&mut buf);
        }
        buf
    });
    Ok((child, err_thread))
}

/// Waits for a child that has closed its stdout (it is exiting) until `deadline`, then kills
/// it. `None`: it had to be killed.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(1)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

fn timeout_failure(timeout: Duration) -> ReadFailure {
    ReadFailure {
        reason: format!(
            "dosya bozuk ya da çok büyük: okuma {:.0} saniyede bitmedi ve durduruldu. Dosyayı Excel ya da LibreOffice ile açıp gereksiz sayfa ve satırları silerek yeniden kaydedin; gerekirse kurum.yaml'da okuma.sure_saniye değerini artırın",
            timeout.as_secs_f64()
        ),
    }
}

fn exit_failure(status: &ExitStatus, stderr: &[u8], limits: &Limits) -> ReadFailure {
    ReadFailure {
        reason: format!(
            "dosya bozuk ya da çok büyük: {}",
            describe_exit(status, stderr, limits)
        ),
    }
}

/// Runs `exe command request_json` as a child that limits itself (see [`limit_self`]), kills
/// it after `timeout`, and returns what it wrote on stdout when it exits with 0. Whatever else
/// happens to the child (a signal, a non-zero exit, the timeout) is a [`ReadFailure`] saying
/// so in Turkish. The marking of workbooks (`crate::mark`) runs its child through this.
pub fn run_limited(
    exe: &Path,
    command: &str,
    request_json: &str,
    timeout: Duration,
    limits: &Limits,
) -> Result<Vec<u8>, ReadFailure> {
    let (mut child, err_thread) = spawn_child(exe, command, request_json)?;
    let mut stdout = child.stdout.take();
    // The end of the child's stdout (it exits) wakes the parent at once: no polling delay.
    let (ended, end) = std::sync::mpsc::channel();
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        let _ = ended.send(());
        buf
    });
    let deadline = Instant::now() + timeout;
    let _ = end.recv_timeout(timeout);
    let status = wait_until(&mut child, deadline);
    let out = out_thread.join().unwrap_or_default();
    let err = err_thread.join().unwrap_or_default();
    match status {
        None => Err(timeout_failure(timeout)),
        Some(status) if status.success() => Ok(out),
        Some(status) => Err(exit_failure(&status, &err, limits)),
    }
}

/// Runs the reader child on a batch of `expected` requests and returns one answer per file
/// it got to: every file when all goes well; else the answers before the file it was reading
/// (which the caller gives to a new child, first), or, when that was the child's first file,
/// its failure (the child died, or took longer than `timeout` on it). Never empty when
/// `expected` > 0.
fn run_batch(
    exe: &Path,
    request_json: &str,
    expected: usize,
    timeout: Duration,
    limits: &Limits,
) -> Vec<ChildAnswer> {
    let (mut child, err_thread) = match spawn_child(exe, CHILD_COMMAND, request_json) {
        Ok(c) => c,
        Err(failure) => return vec![Err(failure)],
    };
    let stdout = child.stdout.take();
    let (line_out, lines) = std::sync::mpsc::channel::<Vec<u8>>();
    let out_thread = std::thread::spawn(move || {
        let Some(stdout) = stdout else { return };
        let mut reader = std::io::BufReader::new(stdout);
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    if line_out.send(line).is_err() {
                        return;
                    }
                }
            }
        }
    });
    /// How the child stopped before answering every file.
    enum Stop {
        Overran,
        Ended(Option<ExitStatus>),
    }
    let mut answers = Vec::with_capacity(expected);
    let mut stop = None;
    while answers.len() < expected {
        match lines.recv_timeout(timeout) {
            Ok(line) => answers.push(read_answer(&line).unwrap_or_else(|e| {
                Err(ReadFailure {
                    reason: format!("okuyucu sürecin yanıtı anlaşılamadı ({e})"),
                })
            })),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                let _ = child.wait();
                stop = Some(Stop::Overran);
                break;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                // It closed its stdout before answering this file: it is ending.
                stop = Some(Stop::Ended(wait_until(
                    &mut child,
                    Instant::now() + timeout,
                )));
                break;
            }
        }
    }
    if stop.is_none() {
        let _ = wait_until(&mut child, Instant::now() + timeout);
    }
    let _ = out_thread.join();
    let err = err_thread.join().unwrap_or_default();
    // A file this child did not read first is read again first by a new child: what happens to
    // a file must not depend on the files read before it in the same process.
    if !answers.is_empty() {
        return answers;
    }
    match stop {
        None => {}
        Some(Stop::Overran) | Some(Stop::Ended(None)) => {
            answers.push(Err(timeout_failure(timeout)))
        }
        Some(Stop::Ended(Some(status))) => answers.push(Err(exit_failure(&status, &err, limits))),
    }
    answers
}

fn describe_exit(status: &std::process::ExitStatus, stderr: &[u8], limits: &Limits) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return match sig {
                libc::SIGKILL | libc::SIGXCPU => format!(
                    "okuma işlemci süresi sınırını aştı ve durduruldu (sinyal {sig}); gerekirse kurum.yaml'da okuma.sure_saniye değerini artırın"
                ),
                libc::SIGABRT => format!(
                    "okuma {} MB bellek sınırını aştı ya da okuyucu çöktü ve durduruldu. Dosyayı yeniden kaydedin; gerekirse kurum.yaml'da okuma.bellek_mb değerini artırın",
                    limits.read_memory_mb
                ),
                other => format!("okuyucu süreç sinyal {other} ile sonlandı"),
            };
        }
    }
    let text = String::from_utf8_lossy(stderr);
    // A panic prints "panicked at <place>:" and the message on the next line: the `Display`
    // of std's `PanicHookInfo`, which main's panic hook prints after its own Turkish line.
    let first = match text.lines().position(|l| l.starts_with("panicked at")) {
        Some(i) => text
            .lines()
            .skip(i)
            .take(2)
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" "),
        None => text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string(),
    };
    let first = first.as_str();
    // The Rust standard library's own words, the only sign a child gives: an allocation that
    // fails under the memory limit prints "memory allocation of N bytes failed" and aborts
    // (SIGABRT, said above on Unix; this is for the others), and a collection grown past
    // `isize::MAX` panics with "capacity overflow". std has no error kind for either and
    // kitap does not pin the toolchain: should the wording change, the reader's failure is
    // still reported, with the child's own message, only without the hint about bellek_mb.
    if first.contains("memory allocation") || first.contains("capacity overflow") {
        return format!(
            "okuma {} MB bellek sınırını aştı ve durduruldu; gerekirse kurum.yaml'da okuma.bellek_mb değerini artırın",
            limits.read_memory_mb
        );
    }
    format!(
        "okuyucu süreç hata ile sonlandı (çıkış kodu {}){}",
        status.code().unwrap_or(-1),
        if first.is_empty() {
            String::new()
        } else {
            format!(": {first}")
        }
    )
}

/// The child writes its answer as JSON. Every value of a [`RawWorkbook`] survives the trip:
/// numbers travel as their bit patterns (`read::f64_bits`), so NaN, ±∞ and every finite value
/// arrive unchanged.
pub fn write_answer(out: impl std::io::Write, answer: &ChildAnswer) -> serde_json::Result<()> {
    serde_json::to_writer(out, answer)
}

/// The parent reads the child's answer.
pub fn read_answer(bytes: &[u8]) -> serde_json::Result<ChildAnswer> {
    serde_json::from_slice(bytes)
}

/// The child's side: limits itself, reads each workbook of the request in order and answers
/// each on a line of stdout (JSON escapes every newline inside a value). Returns the exit code.
pub fn child_main(request_json: &str) -> i32 {
    let requests = match serde_json::from_str(request_json) {
        Ok(ChildRequests::One(r)) => vec![r],
        Ok(ChildRequests::Many(r)) => r,
        Err(e) => {
            eprintln!("geçersiz istek: {e}");
            return 2;
        }
    };
    let Some(first) = requests.first() else {
        return 0;
    };
    // The processor limit is each file's, for all of them; the memory limit holds for each
    // file as for all, since a file's memory is given back before the next one.
    limit_self(
        first.limits.memory_mb,
        first
            .limits
            .cpu_seconds
            .saturating_mul(requests.len().max(1) as u64),
    );
    let mut out = std::io::stdout().lock();
    for request in &requests {
        if let Some(ms) = request.test_delay_ms {
            std::thread::sleep(Duration::from_millis(ms));
        }
        let limits = request.limits.reading();
        let answer: ChildAnswer = read::read_file(&request.path, request.kind, &limits);
        let written = write_answer(&mut out, &answer)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        if let Err(e) = written {
            eprintln!("yanıt yazılamadı: {e}");
            return 3;
        }
    }
    0
}

/// Limits this process's address space to `memory_mb` and its CPU time to `cpu_seconds`: the
/// first thing a child does.
#[cfg(unix)]
pub fn limit_self(memory_mb: u64, cpu_seconds: u64) {
    let set = |resource, value: u64| {
        let lim = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit only reads the struct we pass; lowering our own limits is always allowed.
        unsafe {
            libc::setrlimit(resource, &lim);
        }
    };
    set(libc::RLIMIT_AS, memory_mb.saturating_mul(1024 * 1024));
    set(libc::RLIMIT_CPU, cpu_seconds);
}

#[cfg(not(unix))]
pub fn limit_self(_memory_mb: u64, _cpu_seconds: u64) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read::{RawCell, RawMerge, RawSheet, RawValue};
    use proptest::prelude::*;

    fn book(values: Vec<RawValue>) -> RawWorkbook {
        RawWorkbook {
            sheets: vec![RawSheet {
                name: "Göstergeler".to_string(),
                visible: true,
                cells: values
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| RawCell {
                        row: i as u32,
                        col: 3,
                        value,
                    })
                    .collect(),
                merges: vec![RawMerge {
                    first_row: 0,
                    first_col: 0,
                    last_row: 1,
                    last_col: 1,
                }],
            }],
        }
    }

    /// The answer after the trip from the child to the parent.
    fn round_trip(answer: &ChildAnswer) -> ChildAnswer {
        let mut bytes = Vec::new();
        write_answer(&mut bytes, answer).expect("the child writes every answer");
        read_answer(&bytes).expect("the parent reads every answer")
    }

    /// Equal, numbers compared bit for bit (`==` is false for NaN and true for 0.0 and -0.0).
    fn same_bits(a: &ChildAnswer, b: &ChildAnswer) -> bool {
        let bits = |answer: &ChildAnswer| -> ChildAnswer {
            let mut answer = answer.clone();
            if let Ok(book) = &mut answer {
                for cell in book.sheets.iter_mut().flat_map(|s| s.cells.iter_mut()) {
                    if let RawValue::Number(n) = cell.value {
                        cell.value = RawValue::Text(format!("{:#018x}", n.to_bits()));
                    }
                }
            }
            answer
        };
        bits(a) == bits(b)
    }

    #[test]
    fn every_number_survives_the_trip_to_the_parent() {
        let numbers = [
            f64::NAN,
            -f64::NAN,
            f64::from_bits(0x7ff0_0000_0000_0001), // a signalling NaN with a payload
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            f64::from_bits(1), // the smallest subnormal
            f64::MAX,
            f64::MIN,
            0.1 + 0.2,
            1.0 + f64::EPSILON,
            2.225_073_858_507_201_4e-308,
            77.449_999_999_999_99,
        ];
        let answer: ChildAnswer = Ok(book(numbers.iter().map(|&n| RawValue::Number(n)).collect()));
        let back = round_trip(&answer);
        assert!(
            same_bits(&answer, &back),
            "{answer:?} came back as {back:?}"
        );
    }

    fn raw_value() -> impl Strategy<Value = RawValue> {
        prop_oneof![
            any::<String>().prop_map(RawValue::Text),
            any::<f64>().prop_map(RawValue::Number),
            any::<u64>().prop_map(|bits| RawValue::Number(f64::from_bits(bits))),
            any::<bool>().prop_map(RawValue::Bool),
            any::<String>().prop_map(RawValue::Error),
            any::<String>().prop_map(RawValue::Date),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2_000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Whatever a reader produces reaches the parent unchanged.
        #[test]
        fn every_answer_survives_the_trip_to_the_parent(
            values in proptest::collection::vec(raw_value(), 0..16),
            reason in any::<String>(),
        ) {
            let answer: ChildAnswer = Ok(book(values));
            prop_assert!(same_bits(&answer, &round_trip(&answer)));
            let failure: ChildAnswer = Err(ReadFailure::new(reason));
            prop_assert_eq!(round_trip(&failure), failure);
        }
    }
}
