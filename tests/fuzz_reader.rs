//! Fuzz target: reading hostile workbooks (`kitap::ingest` with the `IsolatedReader`).
//!
//! Inputs: the seed workbooks of `tests/fuzz-seeds/` (.xlsx, .xls, .ods written with
//! `kitap_dev::sheetwrite` from the test fixtures) and the foreign corpus (`tests/fixtures/foreign/`,
//! or the folder `KITAP_FUZZ_CORPUS` names), mutated:
//! - bytes of the file: bit flips, inserted and deleted bytes, truncation, a duplicated chunk,
//!   "interesting" values (0, 0xFF, 0x7FFF, 0xFFFF_FFFF, …) written over bytes;
//! - inside the zip of .xlsx/.ods/.xlsb (re-zipped, so the checksums are right and the XML
//!   parsers are reached): byte mutations of one entry, a number of an entry (a count,
//!   `uniqueCount`, a row or repeat attribute) replaced with a huge or negative one, a cell at
//!   XFD1048576 (or an ODS row repeated a million times), an entry removed or duplicated;
//! - inside the Compound File of .xls (the `Workbook` stream rewritten, so the BIFF records are
//!   reached): a record's length changed, a field of a record set to an interesting value, a
//!   record duplicated or removed, byte mutations of the stream.
//!
//! Each mutated file is the only workbook of a temporary project's `birimler/` and is read by
//! `kitap::ingest::ingest` with `IsolatedReader::new(env!("CARGO_BIN_EXE_kitap"))` (a child
//! process per file, 512 MB and 10 s), then merged and checked by the rules and the printable
//! text check (`kitap::printable`) in this process.
//!
//! Property: this process never crashes; every file ends either as a parsed workbook (and the
//! model and the rules take it) or as exactly one Y004 whose message is Turkish (one of the
//! reader's reasons, and the "diğer çalışma kitapları" sentence); a parsed workbook arrived
//! from the reader process exactly as it was read (the same file read in this process gives
//! the same cells, every number to the bit); nothing hangs (each file within the reader's
//! time limit plus a margin).
//!
//! Normal mode: 100 mutated files (each costs a process). `KITAP_FUZZ_SECONDS` selects long
//! mode (see `tests/fuzzkit/mod.rs` and `tests/fuzz-seeds/README.md`); it prints how the files
//! ended (parsed, refused cleanly, reader panicked, memory or time limit) and every distinct
//! panic location of the reader.

mod fuzzkit;
mod kit;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use fuzzkit::{run, Property};
use kit::TestProject;
use kitap::finding::Code;
use kitap::ingest::read::RawValue;
use kitap::ingest::{self, FileOutcome, IsolatedReader, RawWorkbook, ReadFailure, WorkbookReader};
use kitap_dev::sheetwrite::{self, CellValue, Format, SheetSpec, WorkbookSpec};
use proptest::prelude::*;

/// The reader's wall-clock limit in the fuzz project (kurum.yaml `okuma.sure_saniye`).
const READ_SECONDS: u64 = 10;
/// The reader's memory limit (kurum.yaml `okuma.bellek_mb`).
const READ_MEMORY_MB: u64 = 512;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-seeds")
}

// ---------------------------------------------------------------------------------------
// The seed corpus.

/// A workbook with every feature the reader copes with: merged cells, a hidden sheet,
/// formulas with cached values, error values, numbers typed as text, Turkish letters, a cell
/// far from A1.
fn features() -> WorkbookSpec {
    let mut main = SheetSpec::new("Göstergeler");
    main.row(
        0,
        ["Gösterge Kodu", "Hedef Kodu", "Gösterge Adı", "Değer"]
            .iter()
            .map(|s| Some(CellValue::from(*s))),
    );
    main.set(1, 0, "PG1.1.1")
        .set(1, 1, "H1.1")
        .set(1, 2, "İşyeri denetimi (ığüşöç)")
        .set(1, 3, 1234.5);
    main.set(2, 0, "pg 1.1.2").set(2, 3, "1.234,5");
    main.set(3, 3, "%45").set(3, 2, "27.122");
    main.set(4, 0, CellValue::Error("#DIV/0!".into()));
    main.set(
        5,
        3,
        CellValue::Formula {
            formula: "=D2*2".into(),
            cached: Box::new(CellValue::Number(2469.0)),
        },
    );
    main.set(
        6,
        3,
        CellValue::Formula {
            formula: "=1/0".into(),
            cached: Box::new(CellValue::Error("#DIV/0!".into())),
        },
    );
    main.set(7, 1, CellValue::Bool(true));
    main.set(200, 40, "uzak hücre");
    main.merge(8, 0, 9, 2);
    main.set(8, 0, "Birleştirilmiş\nçok satırlı");
    let mut hidden = SheetSpec::new("Gizli");
    hidden.hidden = true;
    hidden.set(0, 0, "gizli").set(1, 1, -0.5);
    WorkbookSpec {
        sheets: vec![kit::birim_sheet("Fen İşleri Müdürlüğü"), main, hidden],
    }
}

/// The seed files: (file name, bytes), made from the fixtures.
fn seed_files() -> Vec<(String, Vec<u8>)> {
    let books = [
        ("fen-isleri", kit::fen_isleri()),
        ("kultur", kit::kultur()),
        ("ozellikler", features()),
    ];
    let mut out = Vec::new();
    for (name, book) in &books {
        for (format, ext) in [
            (Format::Xlsx, "xlsx"),
            (Format::Xls, "xls"),
            (Format::Ods, "ods"),
        ] {
            let bytes = sheetwrite::to_bytes(book, format).expect("seed workbook");
            out.push((format!("{name}.{ext}"), bytes));
        }
    }
    out
}

/// The committed seeds are exactly what the fixtures give today (so a fixture or writer change
/// is noticed); `KITAP_FUZZ_WRITE_SEEDS=1` rewrites them instead.
#[test]
fn the_seed_corpus_matches_the_fixtures() {
    let dir = seeds_dir();
    let write = std::env::var("KITAP_FUZZ_WRITE_SEEDS").is_ok_and(|v| v == "1");
    for (name, bytes) in seed_files() {
        let path = dir.join(&name);
        if write {
            std::fs::write(&path, &bytes).expect("write seed");
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == bytes,
            "tests/fuzz-seeds/{name} differs from the fixtures; regenerate with \
             KITAP_FUZZ_WRITE_SEEDS=1 cargo test --test fuzz_reader the_seed_corpus"
        );
    }
}

/// One input file to mutate.
#[derive(Clone)]
struct Seed {
    name: String,
    ext: String,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for Seed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} bytes)", self.name, self.bytes.len())
    }
}

/// The foreign corpus: the folder `KITAP_FUZZ_CORPUS` names, or the vendored
/// `tests/fixtures/foreign/`. `KITAP_FUZZ_CORPUS=none` runs without it (a failure
/// found without the corpus replays only without it: the seed of a case is an index into the
/// seed list). A named folder that does not exist is an error, not a silent run without it.
fn foreign_dir() -> Option<PathBuf> {
    match std::env::var_os("KITAP_FUZZ_CORPUS") {
        Some(d) if d == "none" => None,
        Some(d) => {
            let dir = PathBuf::from(d);
            assert!(
                dir.is_dir(),
                "KITAP_FUZZ_CORPUS={} is not a folder (KITAP_FUZZ_CORPUS=none runs without \
                 the foreign corpus)",
                dir.display()
            );
            Some(dir)
        }
        None => Some(kit::foreign_dir()),
    }
}

/// The seed corpus, then the foreign corpus unless `KITAP_FUZZ_CORPUS=none`.
static SEEDS: LazyLock<Vec<Seed>> = LazyLock::new(|| {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    if let Some(dir) = foreign_dir() {
        if let Ok(rd) = std::fs::read_dir(dir) {
            paths.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    paths.sort();
    let mut seeds = Vec::new();
    for path in paths {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let ext = ext.to_ascii_lowercase();
        if ingest::WorkbookKind::from_extension(&ext).is_none() || !path.is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        seeds.push(Seed { name, ext, bytes });
    }
    seeds
});

// ---------------------------------------------------------------------------------------
// Mutations.

/// Values that break lengths, counts and offsets.
const INTERESTING: &[&[u8]] = &[
    &[0x00],
    &[0xFF],
    &[0x7F],
    &[0x80],
    &[0x00, 0x00],
    &[0xFF, 0xFF],
    &[0xFF, 0x7F],
    &[0x00, 0x80],
    &[0xFF, 0xFF, 0xFF, 0xFF],
    &[0xFF, 0xFF, 0xFF, 0x7F],
    &[0x00, 0x00, 0x00, 0x80],
    &[0x00, 0x00, 0x10, 0x00],
];

/// Numbers that replace a number in XML.
const HUGE_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "4000000000",
    "4294967295",
    "2147483648",
    "1048576",
    "16384",
    "18446744073709551616",
    "99999999999999999999999",
    "1e308",
];

/// A byte-level edit; positions are taken modulo the length.
#[derive(Debug, Clone)]
enum ByteEdit {
    FlipBits { at: usize, mask: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
    Duplicate { from: usize, len: usize, to: usize },
    Interesting { at: usize, value: usize },
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        4 => (any::<usize>(), 1u8..).prop_map(|(at, mask)| ByteEdit::FlipBits { at, mask }),
        2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| ByteEdit::Insert { at, bytes }),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| ByteEdit::Delete { at, len }),
        1 => any::<usize>().prop_map(|at| ByteEdit::Truncate { at }),
        1 => (any::<usize>(), 1usize..512, any::<usize>())
            .prop_map(|(from, len, to)| ByteEdit::Duplicate { from, len, to }),
        3 => (any::<usize>(), 0..INTERESTING.len())
            .prop_map(|(at, value)| ByteEdit::Interesting { at, value }),
    ]
}

fn apply_byte_edit(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match edit {
        ByteEdit::FlipBits { at, mask } => bytes[at % len] ^= mask,
        ByteEdit::Insert { at, bytes: new } => {
            let at = at % (len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        ByteEdit::Delete { at, len: n } => {
            let at = at % len;
            let end = (at + n).min(len);
            bytes.drain(at..end);
        }
        ByteEdit::Truncate { at } => bytes.truncate(at % len),
        ByteEdit::Duplicate { from, len: n, to } => {
            let from = from % len;
            let end = (from + n).min(len);
            let chunk = bytes[from..end].to_vec();
            let to = to % (len + 1);
            bytes.splice(to..to, chunk);
        }
        ByteEdit::Interesting { at, value } => {
            let value = INTERESTING[value % INTERESTING.len()];
            let at = at % len;
            let end = (at + value.len()).min(len);
            bytes[at..end].copy_from_slice(&value[..end - at]);
        }
    }
}

/// An edit of the container's structure.
#[derive(Debug, Clone)]
enum ContainerEdit {
    /// Byte edits of one zip entry (by index, modulo the count), re-zipped.
    ZipEntryBytes { entry: usize, edits: Vec<ByteEdit> },
    /// The `nth` run of digits in one zip entry replaced with a huge or negative number.
    ZipNumber {
        entry: usize,
        nth: usize,
        value: usize,
    },
    /// Every `count`/`uniqueCount` attribute made huge.
    HugeCount,
    /// A cell at XFD1048576 (xlsx), a row repeated a million times before a cell (ods).
    FarCell { sheet: usize },
    /// One zip entry dropped.
    RemoveEntry { entry: usize },
    /// One zip entry written twice.
    DuplicateEntry { entry: usize },
    /// A BIFF record of the .xls Workbook stream (by index, modulo the count) edited.
    Record { nth: usize, edit: RecordEdit },
    /// Byte edits of the .xls Workbook stream.
    StreamBytes { edits: Vec<ByteEdit> },
}

#[derive(Debug, Clone)]
enum RecordEdit {
    SetLength(u16),
    Field { offset: usize, value: usize },
    Duplicate,
    Remove,
}

fn record_edit() -> impl Strategy<Value = RecordEdit> {
    prop_oneof![
        prop_oneof![
            Just(0u16),
            Just(1u16),
            Just(0xFFFF),
            Just(8224),
            Just(8228),
            any::<u16>()
        ]
        .prop_map(RecordEdit::SetLength),
        (0usize..32, 0..INTERESTING.len())
            .prop_map(|(offset, value)| RecordEdit::Field { offset, value }),
        Just(RecordEdit::Duplicate),
        Just(RecordEdit::Remove),
    ]
}

fn container_edit() -> impl Strategy<Value = ContainerEdit> {
    prop_oneof![
        4 => (any::<usize>(), proptest::collection::vec(byte_edit(), 1..4))
            .prop_map(|(entry, edits)| ContainerEdit::ZipEntryBytes { entry, edits }),
        3 => (any::<usize>(), any::<usize>(), 0..HUGE_NUMBERS.len())
            .prop_map(|(entry, nth, value)| ContainerEdit::ZipNumber { entry, nth, value }),
        1 => Just(ContainerEdit::HugeCount),
        1 => any::<usize>().prop_map(|sheet| ContainerEdit::FarCell { sheet }),
        1 => any::<usize>().prop_map(|entry| ContainerEdit::RemoveEntry { entry }),
        1 => any::<usize>().prop_map(|entry| ContainerEdit::DuplicateEntry { entry }),
        4 => (any::<usize>(), record_edit())
            .prop_map(|(nth, edit)| ContainerEdit::Record { nth, edit }),
        2 => proptest::collection::vec(byte_edit(), 1..4)
            .prop_map(|edits| ContainerEdit::StreamBytes { edits }),
    ]
}

/// One fuzz case: a seed, structural edits, then byte edits of the whole file.
#[derive(Debug, Clone)]
struct Case {
    seed: usize,
    container: Vec<ContainerEdit>,
    bytes: Vec<ByteEdit>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<usize>(),
        proptest::collection::vec(container_edit(), 0..3),
        prop_oneof![
            2 => Just(Vec::new()),
            1 => proptest::collection::vec(byte_edit(), 1..4),
        ],
    )
        .prop_map(|(seed, container, bytes)| Case {
            seed,
            container,
            bytes,
        })
}

/// A zip's entries, in order: (name, content).
type ZipEntries = Vec<(String, Vec<u8>)>;

/// The entries of a zip, or `None` when it is not one.
fn unzip(bytes: &[u8]) -> Option<ZipEntries> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().ok()?.to_string();
        let mut content = Vec::new();
        // Entries of the seeds are small; a bomb is not the point here.
        file.by_ref()
            .take(64 * 1024 * 1024)
            .read_to_end(&mut content)
            .ok()?;
        entries.push((name, content));
    }
    Some(entries)
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name.as_str(), options).ok()?;
        out.write_all(content).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// Replaces the `nth` (modulo the count) run of ASCII digits.
fn replace_number(text: &[u8], nth: usize, value: &str) -> Vec<u8> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() {
            let start = i;
            while i < text.len() && text[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    if runs.is_empty() {
        return text.to_vec();
    }
    let run = runs[nth % runs.len()].clone();
    let mut out = text[..run.start].to_vec();
    out.extend_from_slice(value.as_bytes());
    out.extend_from_slice(&text[run.end..]);
    out
}

fn huge_counts(text: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(at) = rest.find("ount=\"") {
        let head = at + "ount=\"".len();
        out.push_str(&rest[..head]);
        let tail = &rest[head..];
        let digits = tail.find('"').unwrap_or(0);
        out.push_str("4000000000");
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn far_cell(name: &str, text: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    let (anchor, insert) = if name.ends_with("content.xml") {
        (
            "</table:table>",
            "<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell/>\
             </table:table-row><table:table-row><table:table-cell \
             table:number-columns-repeated=\"16383\"/><table:table-cell \
             office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p>\
             </table:table-cell></table:table-row>",
        )
    } else {
        (
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>",
        )
    };
    match s.find(anchor) {
        Some(at) => format!("{}{insert}{}", &s[..at], &s[at..]).into_bytes(),
        None => text.to_vec(),
    }
}

/// The BIFF records of a Workbook stream: (start, end) of each record, header included.
fn records(stream: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let end = (at + 4 + len).min(stream.len());
        out.push((at, end));
        at = end;
    }
    out
}

fn edit_record(stream: &mut Vec<u8>, nth: usize, edit: &RecordEdit) {
    let recs = records(stream);
    if recs.is_empty() {
        return;
    }
    let (start, end) = recs[nth % recs.len()];
    match edit {
        RecordEdit::SetLength(len) => {
            stream[start + 2..start + 4].copy_from_slice(&len.to_le_bytes())
        }
        RecordEdit::Field { offset, value } => {
            let body = end - (start + 4);
            if body > 0 {
                let at = start + 4 + offset % body;
                apply_byte_edit(stream, &ByteEdit::Interesting { at, value: *value });
            }
        }
        RecordEdit::Duplicate => {
            let record = stream[start..end].to_vec();
            stream.splice(end..end, record);
        }
        RecordEdit::Remove => {
            stream.drain(start..end);
        }
    }
}

/// Rewrites the `Workbook` (or `Book`) stream of a Compound File.
fn edit_xls_stream(bytes: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).ok()?;
    let path = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|p| file.is_stream(p))?;
    let mut stream = Vec::new();
    file.open_stream(path).ok()?.read_to_end(&mut stream).ok()?;
    edit(&mut stream);
    file.create_stream(path).ok()?.write_all(&stream).ok()?;
    file.flush().ok()?;
    Some(file.into_inner().into_inner())
}

fn apply_container_edit(bytes: Vec<u8>, edit: &ContainerEdit) -> Vec<u8> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let zip_edit = |f: &dyn Fn(&mut ZipEntries)| -> Option<Vec<u8>> {
        let mut entries = unzip(&bytes)?;
        if entries.is_empty() {
            return None;
        }
        f(&mut entries);
        rezip(&entries)
    };
    let edited = match edit {
        ContainerEdit::ZipEntryBytes { entry, edits } if is_zip => zip_edit(&|entries| {
            let n = entries.len();
            let content = &mut entries[entry % n].1;
            for e in edits {
                apply_byte_edit(content, e);
            }
        }),
        ContainerEdit::ZipNumber { entry, nth, value } if is_zip => zip_edit(&|entries| {
            let n = entries.len();
            let content = &mut entries[entry % n].1;
            *content = replace_number(content, *nth, HUGE_NUMBERS[value % HUGE_NUMBERS.len()]);
        }),
        ContainerEdit::HugeCount if is_zip => zip_edit(&|entries| {
            for (_, content) in entries.iter_mut() {
                *content = huge_counts(content);
            }
        }),
        ContainerEdit::FarCell { sheet } if is_zip => zip_edit(&|entries| {
            let sheets: Vec<usize> = (0..entries.len())
                .filter(|&i| {
                    let name = &entries[i].0;
                    name.ends_with("content.xml")
                        || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
                })
                .collect();
            if let Some(&i) = sheets.get(sheet % sheets.len().max(1)) {
                let (name, content) = &mut entries[i];
                *content = far_cell(name, content);
            }
        }),
        ContainerEdit::RemoveEntry { entry } if is_zip => zip_edit(&|entries| {
            let n = entries.len();
            entries.remove(entry % n);
        }),
        ContainerEdit::DuplicateEntry { entry } if is_zip => zip_edit(&|entries| {
            let n = entries.len();
            let copy = entries[entry % n].clone();
            entries.push(copy);
        }),
        ContainerEdit::Record { nth, edit } if !is_zip => {
            edit_xls_stream(&bytes, |stream| edit_record(stream, *nth, edit))
        }
        ContainerEdit::StreamBytes { edits } if !is_zip => edit_xls_stream(&bytes, |stream| {
            for e in edits {
                apply_byte_edit(stream, e);
            }
        }),
        _ => None,
    };
    edited.unwrap_or(bytes)
}

fn mutate(case: &Case) -> (Seed, Vec<u8>) {
    let seed = SEEDS[case.seed % SEEDS.len()].clone();
    let mut bytes = seed.bytes.clone();
    for edit in &case.container {
        bytes = apply_container_edit(bytes, edit);
    }
    for edit in &case.bytes {
        apply_byte_edit(&mut bytes, edit);
    }
    (seed, bytes)
}

// ---------------------------------------------------------------------------------------
// Reading a file the way `kitap denetle` does.

/// How one file ended.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Ending {
    Parsed,
    /// calamine or the prechecks refused it with a reason.
    Refused,
    /// The reader process panicked (the location of the panic).
    ReaderPanic(String),
    /// Memory limit, CPU limit, abort or other signal (the reason, digits left out).
    ReaderKilled(String),
    /// The wall-clock limit.
    Timeout,
}

/// The beginnings of the reasons the reader gives (src/ingest/read.rs and isolate.rs).
const TURKISH_REASONS: &[&str] = &[
    "dosya boş",
    "dosya çok büyük",
    "dosya uzantısı .xls ama",
    "dosya şifreli ya da eski biçimde",
    "dosya bir çalışma kitabı değil ya da bozuk",
    "dosya açılamadı",
    "dosya okunamadı",
    "dosya parola korumalı",
    "dosya bozuk ya da desteklenmeyen biçimde (",
    "dosya bozuk ya da çok büyük: ",
    "“",
];

struct Reading {
    project: TestProject,
    reader: IsolatedReader,
}

fn kitap_exe() -> PathBuf {
    // Long runs copy the binary away, so that another build does not replace it mid-run.
    std::env::var_os("KITAP_FUZZ_KITAP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_kitap")))
}

static READING: LazyLock<Mutex<Reading>> = LazyLock::new(|| {
    let project = TestProject::empty("fuzz-reader");
    let kurum = format!(
        "{}okuma:\n  sure_saniye: {READ_SECONDS}\n  bellek_mb: {READ_MEMORY_MB}\n",
        kit::KURUM
    );
    std::fs::write(project.path("kurum.yaml"), kurum).expect("kurum.yaml");
    Mutex::new(Reading {
        project,
        reader: IsolatedReader::new(kitap_exe()),
    })
});

/// Endings of every file read so far (long mode prints them).
static ENDINGS: Mutex<BTreeMap<Ending, u64>> = Mutex::new(BTreeMap::new());

/// Reads one file as the only workbook of the project; how it ended, or why that breaks the
/// property.
fn read_one(ext: &str, bytes: &[u8]) -> Result<Ending, String> {
    let reading = READING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let birimler = reading.project.path("birimler");
    let _ = std::fs::remove_dir_all(&birimler);
    std::fs::create_dir_all(&birimler).map_err(|e| e.to_string())?;
    let rel = format!("birimler/fuzz.{ext}");
    std::fs::write(reading.project.path(&rel), bytes).map_err(|e| e.to_string())?;
    let project = kitap::pipeline::load(&reading.project.dir, &Default::default())
        .map_err(|e| format!("the fuzz project does not load: {e}"))?;
    let start = Instant::now();
    let recording = Recording {
        inner: &reading.reader,
        answer: Mutex::new(None),
    };
    let ingested = ingest::ingest(&project, &recording);
    let took = start.elapsed();
    if took > Duration::from_secs(READ_SECONDS + 10) {
        return Err(format!("reading took {took:?}"));
    }
    if ingested.outcomes.len() != 1 {
        return Err(format!("{} outcomes for one file", ingested.outcomes.len()));
    }
    let ending = match &ingested.outcomes[0] {
        FileOutcome::Parsed(_) => {
            // The reader process finished this file under its limits, so reading it here is
            // safe; what the parent received must be exactly what the reader produced.
            let Some(Ok(received)) = recording.answer.into_inner().ok().flatten() else {
                return Err("parsed, but the reader answered nothing".to_string());
            };
            let kind = ingest::WorkbookKind::from_extension(ext).ok_or("no workbook kind")?;
            let here = ingest::read::read_bytes(bytes, kind, &project.settings.limits)
                .map_err(|e| format!("read in the child, refused here: {}", e.reason))?;
            same_cells(&received, &here)?;
            Ending::Parsed
        }
        FileOutcome::Unreadable { file, finding } => {
            if finding.code != Code::Y004 || file != &rel {
                return Err(format!("unreadable with {finding:?}"));
            }
            let prefix = format!("{rel} okunamadı: ");
            let reason = finding
                .message
                .strip_prefix(&prefix)
                .and_then(|m| m.strip_suffix(". Diğer çalışma kitapları okunmaya devam etti."))
                .ok_or_else(|| format!("Y004 message not in its form: {:?}", finding.message))?;
            if !TURKISH_REASONS.iter().any(|r| reason.starts_with(r)) {
                return Err(format!("Y004 reason not one of the reader's: {reason:?}"));
            }
            if reason.contains("yanıtı anlaşılamadı") {
                return Err(format!("the reader's answer was garbled: {reason:?}"));
            }
            classify(reason, &reading.project.path(&rel), ext)
        }
        FileOutcome::Skipped { finding, .. } => {
            return Err(format!("a workbook was skipped: {finding:?}"))
        }
    };
    save_crash(&ending, &reading.project.path(&rel), ext, bytes);
    // The rest of the pipeline takes whatever was read.
    let merged = kitap::merge::merge(&project, ingested);
    let _ = kitap::rules::check(&merged.model, &project.settings);
    let printable = kitap::printable::Printable::built_in();
    let _ = kitap::printable::check(&project, &merged.model, &printable);
    if let Ok(mut endings) = ENDINGS.lock() {
        *endings.entry(ending.clone()).or_default() += 1;
    }
    Ok(ending)
}

/// The isolated reader, keeping the answer it gave to `ingest`.
struct Recording<'a> {
    inner: &'a IsolatedReader,
    answer: Mutex<Option<Result<RawWorkbook, ReadFailure>>>,
}

impl WorkbookReader for Recording<'_> {
    fn read(
        &self,
        candidate: &ingest::Candidate,
        project: &kitap::config::Project,
    ) -> Result<RawWorkbook, ReadFailure> {
        let answer = self.inner.read(candidate, project);
        if let Ok(mut slot) = self.answer.lock() {
            *slot = Some(answer.clone());
        }
        answer
    }
}

/// The workbook the parent received from the reader process is the one read in this process,
/// every number to the bit (NaN, ±∞ and -0.0 included: `==` cannot tell those).
fn same_cells(received: &RawWorkbook, here: &RawWorkbook) -> Result<(), String> {
    let bits = |book: &RawWorkbook| -> RawWorkbook {
        let mut book = book.clone();
        for cell in book.sheets.iter_mut().flat_map(|s| s.cells.iter_mut()) {
            if let RawValue::Number(n) = cell.value {
                cell.value = RawValue::Text(format!("number {:#018x}", n.to_bits()));
            }
        }
        book
    };
    let (received, here) = (bits(received), bits(here));
    if received == here {
        return Ok(());
    }
    for (a, b) in received.sheets.iter().zip(&here.sheets) {
        if let Some((x, y)) = a.cells.iter().zip(&b.cells).find(|(x, y)| x != y) {
            return Err(format!(
                "the reader's answer changed in transit: sheet {:?}, {x:?} arrived, {y:?} read",
                a.name
            ));
        }
    }
    Err("the reader's answer changed in transit (sheets, merges or cell counts)".to_string())
}

fn classify(reason: &str, path: &Path, ext: &str) -> Ending {
    if reason.contains("saniyede bitmedi") {
        Ending::Timeout
    } else if reason.contains("iç hata") || reason.contains("panicked at") {
        // kitap's panic hook says so in Turkish first, then the finding quotes the panic's
        // place; the whole of it (and the message) is on the child's stderr: read the file
        // again to see it.
        Ending::ReaderPanic(panic_location(path, ext))
    } else if let Some(detail) = reason.strip_prefix("dosya bozuk ya da çok büyük: ") {
        let detail: String = detail
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .take(70)
            .collect();
        Ending::ReaderKilled(detail)
    } else {
        Ending::Refused
    }
}

/// Runs the reader child on the file again (with the fuzz project's limits) and returns its
/// stderr: the finding keeps only its first line.
fn child_stderr(path: &Path, ext: &str) -> String {
    let Some(kind) = ingest::WorkbookKind::from_extension(ext) else {
        return String::new();
    };
    let limits = kitap::config::Limits::default();
    let request = kitap::ingest::isolate::ChildRequest {
        path: path.to_path_buf(),
        kind,
        limits: kitap::ingest::isolate::ChildLimits {
            memory_mb: READ_MEMORY_MB,
            cpu_seconds: READ_SECONDS,
            ..kitap::ingest::isolate::ChildLimits::of(&limits)
        },
        test_delay_ms: None,
    };
    let Ok(json) = serde_json::to_string(&request) else {
        return String::new();
    };
    std::process::Command::new(kitap_exe())
        .arg(kitap::ingest::isolate::CHILD_COMMAND)
        .arg(json)
        .stdin(std::process::Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .unwrap_or_default()
}

/// Where the reader child panicked on the file (its location and message, digits as `#`).
fn panic_location(path: &Path, ext: &str) -> String {
    let stderr = child_stderr(path, ext);
    match stderr.find("panicked at ") {
        Some(at) => {
            let rest = &stderr[at + "panicked at ".len()..];
            let line = rest.lines().next().unwrap_or(rest);
            let message = rest.lines().nth(1).unwrap_or("").trim();
            let message: String = message
                .chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .take(80)
                .collect();
            format!("{}: {message}", short_location(line))
        }
        None => format!("(no panic on a second read: {})", stderr.trim()),
    }
}

/// With `KITAP_FUZZ_SAVE_DIR`, keeps the first file of every kind of reader crash there (the
/// raw material of `tests/fuzz-seeds/regressions/`), with the child's stderr beside it.
fn save_crash(ending: &Ending, path: &Path, ext: &str, bytes: &[u8]) {
    let Some(dir) = std::env::var_os("KITAP_FUZZ_SAVE_DIR") else {
        return;
    };
    let key = match ending {
        Ending::ReaderPanic(location) => format!("panic-{location}"),
        Ending::ReaderKilled(detail) => format!("killed-{detail}"),
        Ending::Timeout => "timeout".to_string(),
        Ending::Parsed | Ending::Refused => return,
    };
    let name: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(90)
        .collect();
    let dir = PathBuf::from(dir);
    let file = dir.join(format!("{name}.{ext}"));
    if file.exists() || std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let _ = std::fs::write(&file, bytes);
    let _ = std::fs::write(
        dir.join(format!("{name}.{ext}.stderr")),
        child_stderr(path, ext),
    );
}

/// With `KITAP_FUZZ_SAVE_DIR`, keeps a file that broke the property there as
/// `property-failure.<ext>`. Each failure found while shrinking overwrites it, so once the run
/// has failed it holds the minimal failing input proptest reports: the regression file to keep.
fn save_failure(ext: &str, bytes: &[u8]) {
    let Some(dir) = std::env::var_os("KITAP_FUZZ_SAVE_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(format!("property-failure.{ext}")), bytes);
    }
}

/// `/root/.cargo/registry/src/index…/calamine-0.38.0/src/xls.rs:123:45:` →
/// `calamine-0.38.0/src/xls.rs:123:45`.
fn short_location(location: &str) -> String {
    let location = location.trim().trim_end_matches(':');
    match location.rfind("/src/") {
        Some(i) => {
            let crate_start = location[..i].rfind('/').map_or(0, |j| j + 1);
            location[crate_start..].to_string()
        }
        None => location.to_string(),
    }
}

/// How many properties share this target's long-mode budget.
const PROPERTIES: u32 = 1;

#[test]
fn mutated_workbooks_end_as_a_model_or_one_y004() {
    assert!(
        SEEDS.len() >= 9,
        "the seed corpus is missing: {} seeds",
        SEEDS.len()
    );
    let prop = Property {
        name: "fuzz_reader/mutated_workbooks",
        normal_cases: 100,
        batch_cases: 50,
        share_of: PROPERTIES,
    };
    let stats = run(prop, case(), |case| {
        let (seed, bytes) = mutate(&case);
        read_one(&seed.ext, &bytes).map(|_| ()).map_err(|why| {
            save_failure(&seed.ext, &bytes);
            TestCaseError::fail(format!("{seed:?}: {why}"))
        })
    });
    let endings = ENDINGS.lock().map(|e| e.clone()).unwrap_or_default();
    eprintln!(
        "fuzz_reader/mutated_workbooks: {} files from {} seeds ({}) in {:.0} s",
        stats.cases,
        SEEDS.len(),
        match foreign_dir() {
            Some(dir) => format!("foreign corpus {}", dir.display()),
            None => "no foreign corpus".to_string(),
        },
        stats.elapsed.as_secs_f64()
    );
    for (ending, n) in &endings {
        eprintln!("  {n:>7}  {ending:?}");
    }
    // The mutations must not all be refused at the door: some files still parse.
    assert!(
        endings.get(&Ending::Parsed).copied().unwrap_or(0) > 0,
        "{endings:?}"
    );
}

/// Every seed, unmutated, is read as a workbook.
#[test]
fn the_seeds_read_as_workbooks() {
    for (name, bytes) in seed_files() {
        let ext = name.rsplit('.').next().unwrap_or("");
        assert_eq!(read_one(ext, &bytes), Ok(Ending::Parsed), "{name}");
    }
}

/// The regression inputs of `tests/fuzz-seeds/regressions/` that are workbooks (files the
/// long runs found crashing the reader process: calamine panics and allocation failures): each
/// must end as a model or one Y004, like any mutated file.
#[test]
fn regression_workbooks_end_as_a_model_or_one_y004() {
    let dir = seeds_dir().join("regressions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut read = 0;
    for path in paths {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if ingest::WorkbookKind::from_extension(ext).is_none() {
            continue;
        }
        let bytes = std::fs::read(&path).expect("regression file");
        match read_one(ext, &bytes) {
            Ok(ending) => eprintln!("{}: {ending:?}", path.display()),
            Err(why) => panic!("{}: {why}", path.display()),
        }
        read += 1;
    }
    assert!(read >= 15, "only {read} regression workbooks");
}
