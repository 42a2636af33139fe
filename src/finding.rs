//! Findings (bulgular): what the checks found, as data. A finding names its code, severity,
//! the file › sheet › cell it concerns and says in Turkish what to fix.

use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Severity {
    #[serde(rename = "hata")]
    Error,
    #[serde(rename = "uyari")]
    Warning,
    #[serde(rename = "bilgi")]
    Info,
}

impl Severity {
    /// The word used in reports and in kurum.yaml.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "hata",
            Severity::Warning => "uyari",
            Severity::Info => "bilgi",
        }
    }

    /// Parses `hata`, `uyari`/`uyarı`, `bilgi` (case and Turkish letters ignored).
    pub fn parse(word: &str) -> Option<Severity> {
        match crate::text::fold(word).as_str() {
            "hata" => Some(Severity::Error),
            "uyari" => Some(Severity::Warning),
            "bilgi" => Some(Severity::Info),
            _ => None,
        }
    }
}

macro_rules! codes {
    ($($code:ident => $sev:ident),* $(,)?) => {
        /// Every finding code of the rule catalogue (spec/rules.md). Codes are stable.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($code),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// The code as printed: `G005`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }

            /// The severity the catalogue gives the code.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev),* }
            }
        }
    };
}

codes! {
    Y001 => Info, Y002 => Error, Y003 => Error, Y004 => Error, Y005 => Error,
    Y006 => Error, Y007 => Warning, Y008 => Info, Y009 => Info, Y010 => Warning, Y011 => Warning,
    Y012 => Info,
    D001 => Error, D002 => Error, D003 => Error, D004 => Error, D005 => Error,
    D006 => Warning, D007 => Error, D008 => Error, D009 => Error, D010 => Warning, D011 => Warning,
    G001 => Error, G002 => Error, G003 => Error, G004 => Error, G005 => Error,
    G006 => Error, G007 => Error, G008 => Warning, G009 => Error,
    R001 => Warning, R002 => Error, R003 => Warning,
    B001 => Error, B002 => Warning, B003 => Warning, B004 => Warning, B005 => Warning,
    M001 => Error, M002 => Warning, M003 => Warning, M004 => Warning, M005 => Error,
    A001 => Error, A002 => Error, A003 => Error, A004 => Error,
    T001 => Error, T002 => Error, T003 => Info,
}

impl Code {
    /// Where to read more about the code, shown at the end of every finding's message in the
    /// terminal summary and the HTML report: `ayrıntı: kitap acikla G005`. Not part of the
    /// stored `message` (nor of the JSON report, whose `kod` already names the page).
    pub fn details_hint(self) -> String {
        format!("ayrıntı: kitap acikla {}", self.as_str())
    }

    /// Parses `G005` (any case).
    pub fn parse(s: &str) -> Option<Code> {
        let up = s.trim().to_ascii_uppercase();
        Code::ALL.iter().copied().find(|c| c.as_str() == up)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A place in a workbook: file (relative to the project folder), sheet, 0-based row and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct CellRef {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(file: &str, sheet: &str, row: u32, col: u32) -> CellRef {
        CellRef {
            file: file.to_string(),
            sheet: sheet.to_string(),
            row,
            col,
        }
    }

    /// The A1-style reference: `F7`.
    pub fn a1(&self) -> String {
        crate::text::a1(self.row, self.col)
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} › {} › {}", self.file, self.sheet, self.a1())
    }
}

/// One finding, serialised exactly as the JSON report of spec/README.md.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(rename = "kod")]
    pub code: Code,
    #[serde(rename = "seviye")]
    pub severity: Severity,
    #[serde(rename = "dosya", skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(rename = "sayfa", skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(rename = "hucre", skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(rename = "birim", skip_serializing_if = "Option::is_none")]
    pub directorate: Option<String>,
    #[serde(rename = "oge", skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(rename = "diger_hucreler")]
    pub other_cells: Vec<String>,
    #[serde(rename = "mesaj")]
    pub message: String,
    /// 0-based row and column of `cell`, for sorting.
    #[serde(skip)]
    pub position: Option<(u32, u32)>,
}

impl Finding {
    /// A finding with the catalogue severity and no place yet.
    pub fn new(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            file: None,
            sheet: None,
            cell: None,
            directorate: None,
            item: None,
            other_cells: Vec::new(),
            message: message.into(),
            position: None,
        }
    }

    /// Places the finding at a cell.
    pub fn at(mut self, cell: &CellRef) -> Finding {
        self.file = Some(cell.file.clone());
        self.sheet = Some(cell.sheet.clone());
        self.cell = Some(cell.a1());
        self.position = Some((cell.row, cell.col));
        self
    }

    /// Names a file (no sheet, no cell).
    pub fn in_file(mut self, file: &str) -> Finding {
        self.file = Some(file.to_string());
        self
    }

    /// Names a sheet of a file (no cell).
    pub fn in_sheet(mut self, file: &str, sheet: &str) -> Finding {
        self.file = Some(file.to_string());
        self.sheet = Some(sheet.to_string());
        self
    }

    pub fn directorate(mut self, name: Option<&str>) -> Finding {
        self.directorate = name.map(str::to_string);
        self
    }

    pub fn item(mut self, code: impl Into<String>) -> Finding {
        self.item = Some(code.into());
        self
    }

    pub fn with_other_cells(mut self, cells: Vec<String>) -> Finding {
        self.other_cells = cells;
        self
    }

    /// `dosya › sayfa › hücre` as far as known.
    pub fn place(&self) -> String {
        let parts: Vec<&str> = [&self.file, &self.sheet, &self.cell]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect();
        parts.join(" › ")
    }

    /// Report order: file, sheet, row, column, then code.
    pub fn order(a: &Finding, b: &Finding) -> Ordering {
        (
            a.file.is_none(),
            &a.file,
            &a.sheet,
            a.position,
            a.code,
            &a.item,
            &a.message,
        )
            .cmp(&(
                b.file.is_none(),
                &b.file,
                &b.sheet,
                b.position,
                b.code,
                &b.item,
                &b.message,
            ))
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    #[serde(rename = "hata")]
    pub errors: usize,
    #[serde(rename = "uyari")]
    pub warnings: usize,
    #[serde(rename = "bilgi")]
    pub infos: usize,
}

impl SeverityCounts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> SeverityCounts {
        let mut c = SeverityCounts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}
