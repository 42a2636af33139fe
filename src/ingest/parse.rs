//! One workbook's sheets read into model rows, with a finding for every value that cannot
//! be used. Rows are counted: every data row read is either kept or rejected with a reason.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::columns::{
    find_header, Column, ColumnSpec, Header, SheetRole, ACTIVITY_COLUMNS, ACTUAL_COLUMNS,
    AFFILIATE_COLUMNS, BUDGET_COLUMNS, DEBT_COLUMNS, INDICATOR_COLUMNS, REVENUE_COLUMNS,
    TRANSFER_COLUMNS,
};
use super::grid::{as_text, non_finite_text, Grid};
use super::read::{RawSheet, RawValue, RawWorkbook};
use crate::config::{PlanText, Settings};
use crate::finding::{CellRef, Code, Finding};
use crate::model::{
    Activity, ActivityKind, Actual, Affiliate, AffiliateKind, BudgetLine, DebtLine, DebtTerm,
    Direction, Finance, FinanceKind, FinanceSheet, Frequency, Indicator, Period, RevenueLine,
    Sourced, Status, Transfer,
};
use crate::text::{fold, normalize_code, parse_number, plain_number};

/// A realisation row waiting for its indicator (matched when the workbook's directorate is known).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingActual {
    pub indicator: String,
    pub actual: Actual,
}

/// What the Birim sheet says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DirectorateSheet {
    pub name: Option<Sourced<String>>,
    pub official: Option<Sourced<String>>,
    pub title: Option<Sourced<String>>,
    pub prepared_by: Option<Sourced<String>>,
    pub date: Option<Sourced<String>>,
}

/// One workbook, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedWorkbook {
    pub file: String,
    /// False when the workbook cannot be used at all: Y002 here, Y005 and Y006 when it is
    /// matched to kurum.yaml. The merge then reports only that finding for it and counts every
    /// row it read as rejected.
    pub usable: bool,
    pub directorate: DirectorateSheet,
    /// `directorate` is left empty: it is set when the workbook is matched to kurum.yaml.
    pub indicators: Vec<Indicator>,
    pub actuals: Vec<PendingActual>,
    pub activities: Vec<Activity>,
    pub budget: Vec<BudgetLine>,
    /// The institution-level sheets this workbook carries (`None`: not in it). `rejected`
    /// lists the sheets present whose header could not be found (Y003): they are `Some`, with
    /// no rows, so that the merge sees them sent.
    pub finance: Finance,
    pub findings: Vec<Finding>,
    pub rows_read: usize,
    pub rows_rejected: usize,
}

impl ParsedWorkbook {
    /// Rows currently kept (read minus rejected).
    pub fn rows_kept(&self) -> usize {
        self.indicators.len()
            + self.actuals.len()
            + self.activities.len()
            + self.budget.len()
            + finance_rows(&self.finance)
    }
}

/// The rows the institution-level sheets of a workbook hold (the `Yok` row included).
pub fn finance_rows(finance: &Finance) -> usize {
    finance.revenue.as_ref().map_or(0, FinanceSheet::row_count)
        + finance.debts.as_ref().map_or(0, FinanceSheet::row_count)
        + finance
            .affiliates
            .as_ref()
            .map_or(0, FinanceSheet::row_count)
        + finance
            .transfers
            .as_ref()
            .map_or(0, FinanceSheet::row_count)
}

/// Reads every sheet of a workbook.
pub fn parse_workbook(
    file: &str,
    book: &RawWorkbook,
    settings: &Settings,
    plan: &PlanText,
) -> ParsedWorkbook {
    let mut out = ParsedWorkbook {
        file: file.to_string(),
        usable: true,
        directorate: DirectorateSheet::default(),
        indicators: Vec::new(),
        actuals: Vec::new(),
        activities: Vec::new(),
        budget: Vec::new(),
        finance: Finance::default(),
        findings: Vec::new(),
        rows_read: 0,
        rows_rejected: 0,
    };
    // Which sheet plays which role: the first visible sheet of each name.
    let mut roles: BTreeMap<SheetRole, &RawSheet> = BTreeMap::new();
    for sheet in &book.sheets {
        if !sheet.visible {
            out.findings.push(
                Finding::new(
                    Code::Y001,
                    format!("“{}” sayfası gizli olduğu için okunmadı. Okunmasını istiyorsanız sayfayı görünür yapın.", sheet.name),
                )
                .in_sheet(file, &sheet.name),
            );
            continue;
        }
        match SheetRole::of_sheet(&sheet.name) {
            Some(role) if !roles.contains_key(&role) => {
                roles.insert(role, sheet);
            }
            Some(role) => out.findings.push(
                Finding::new(
                    Code::Y001,
                    format!(
                        "“{}” sayfası yok sayıldı: aynı adı taşıyan “{}” sayfası zaten okundu. Verileri tek sayfada toplayın.",
                        sheet.name,
                        roles[&role].name
                    ),
                )
                .in_sheet(file, &sheet.name),
            ),
            None => out.findings.push(
                Finding::new(
                    Code::Y001,
                    format!(
                        "“{}” sayfası tanınmadı ve okunmadı (okunan sayfalar: {}).",
                        sheet.name,
                        SheetRole::ALL.map(SheetRole::name).join(", ")
                    ),
                )
                .in_sheet(file, &sheet.name),
            ),
        }
    }

    if let Some(sheet) = roles.get(&SheetRole::Directorate) {
        out.directorate = read_directorate_sheet(file, sheet);
    }
    if out.directorate.name.is_none() {
        out.usable = false;
        let msg = match roles.get(&SheetRole::Directorate) {
            Some(_) => "“Birim” sayfasında Birim Adı yok: A sütununa “Birim Adı”, B sütununa müdürlüğün adını yazın. Bu çalışma kitabı kullanılmadı.".to_string(),
            None => "“Birim” sayfası yok: her çalışma kitabında A sütununda “Birim Adı”, B sütununda müdürlüğün adı bulunan bir “Birim” sayfası olmalı. Bu çalışma kitabı kullanılmadı.".to_string(),
        };
        let f = match roles.get(&SheetRole::Directorate) {
            Some(sheet) => Finding::new(Code::Y002, msg).in_sheet(file, &sheet.name),
            None => Finding::new(Code::Y002, msg).in_file(file),
        };
        out.findings.push(f);
    }

    let years: Vec<i32> = settings.years.plan_years().collect();
    let ctx = Ctx {
        file,
        settings,
        plan,
    };
    for role in [
        SheetRole::Indicators,
        SheetRole::Actuals,
        SheetRole::Activities,
        SheetRole::Budget,
        SheetRole::Revenue,
        SheetRole::Debts,
        SheetRole::Affiliates,
        SheetRole::Transfers,
    ] {
        let finance = role.finance();
        let Some(sheet) = roles.get(&role) else {
            // The institution-level sheets are in one workbook only: their absence from the
            // others says nothing (M002, M003 say it for the institution).
            if finance.is_some() {
                continue;
            }
            out.findings.push(
                Finding::new(
                    Code::Y009,
                    format!(
                        "“{}” sayfası yok; bu birimin {} bulunmuyor sayıldı.",
                        role.name(),
                        role_content(role)
                    ),
                )
                .in_file(file),
            );
            continue;
        };
        let grid = Grid::new(sheet);
        let specs = specs_of(role);
        let year_cols: &[i32] = if role == SheetRole::Indicators {
            &years
        } else {
            &[]
        };
        match find_header(&grid, specs, year_cols) {
            Ok(header) => {
                let rows = data_rows(&grid, header.row + 1);
                if let Some(kind) = finance {
                    // Sent, even when empty: an empty Transferler says there were none.
                    start_finance_sheet(&mut out.finance, kind, file, &sheet.name);
                }
                if rows.is_empty() && finance.is_some() {
                    continue;
                }
                if rows.is_empty() {
                    out.findings.push(
                        Finding::new(
                            Code::Y009,
                            format!(
                                "“{}” sayfası boş; bu birimin {} bulunmuyor sayıldı.",
                                sheet.name,
                                role_content(role)
                            ),
                        )
                        .in_sheet(file, &sheet.name),
                    );
                    continue;
                }
                out.rows_read += rows.len();
                let mut reader = SheetReader {
                    ctx: &ctx,
                    grid: &grid,
                    sheet: &sheet.name,
                    header: &header,
                    out: &mut out,
                };
                reader.read_rows(role, &rows);
            }
            Err(missing) => {
                if let Some(kind) = finance {
                    // Sent but not usable: the merge still sees it (M001) and keeps it out.
                    start_finance_sheet(&mut out.finance, kind, file, &sheet.name);
                    out.finance.rejected.push(kind);
                }
                let rows = data_rows(&grid, missing.row + 1);
                out.rows_read += rows.len();
                out.rows_rejected += rows.len();
                let cell = CellRef::new(file, &sheet.name, missing.row, missing.first_col);
                out.findings.push(
                    Finding::new(
                        Code::Y003,
                        format!(
                            "“{}” sayfasında zorunlu {} bulunamadı (başlık satırı {} olarak arandı): {}. Başlıkları ilk 20 satırdan birine, örnekteki gibi yazın; bu sayfa kullanılmadı{}.",
                            sheet.name,
                            if missing.missing.len() == 1 { "sütun" } else { "sütunlar" },
                            missing.row + 1,
                            missing.missing.iter().map(|m| format!("“{m}”")).collect::<Vec<_>>().join(", "),
                            if rows.is_empty() { String::new() } else { format!(" ({} satır reddedildi)", rows.len()) }
                        ),
                    )
                    .at(&cell),
                );
            }
        }
    }
    if !out.usable {
        out.rows_rejected = out.rows_read;
        out.indicators.clear();
        out.actuals.clear();
        out.activities.clear();
        out.budget.clear();
        out.finance = Finance::default();
    }
    out
}

/// Marks an institution-level sheet as present in the workbook, with no rows yet.
fn start_finance_sheet(finance: &mut Finance, kind: FinanceKind, file: &str, sheet: &str) {
    match kind {
        FinanceKind::Revenue => finance.revenue = Some(FinanceSheet::new(file, sheet)),
        FinanceKind::Debts => finance.debts = Some(FinanceSheet::new(file, sheet)),
        FinanceKind::Affiliates => finance.affiliates = Some(FinanceSheet::new(file, sheet)),
        FinanceKind::Transfers => finance.transfers = Some(FinanceSheet::new(file, sheet)),
    }
}

fn role_content(role: SheetRole) -> &'static str {
    match role {
        SheetRole::Indicators => "performans göstergesi",
        SheetRole::Actuals => "gerçekleşme verisi",
        SheetRole::Activities => "faaliyeti/projesi",
        SheetRole::Budget => "bütçe verisi",
        SheetRole::Directorate => "birim bilgisi",
        SheetRole::Revenue => "gelir verisi",
        SheetRole::Debts => "borç verisi",
        SheetRole::Affiliates => "bağlı kuruluş, işletme ve ortaklık verisi",
        SheetRole::Transfers => "transfer verisi",
    }
}

fn specs_of(role: SheetRole) -> &'static [ColumnSpec] {
    match role {
        SheetRole::Indicators => INDICATOR_COLUMNS,
        SheetRole::Actuals => ACTUAL_COLUMNS,
        SheetRole::Activities => ACTIVITY_COLUMNS,
        SheetRole::Budget => BUDGET_COLUMNS,
        SheetRole::Revenue => REVENUE_COLUMNS,
        SheetRole::Debts => DEBT_COLUMNS,
        SheetRole::Affiliates => AFFILIATE_COLUMNS,
        SheetRole::Transfers => TRANSFER_COLUMNS,
        SheetRole::Directorate => &[],
    }
}

/// Rows from `first` on that hold at least one cell of their own (merge copies alone do not
/// make a row).
fn data_rows(grid: &Grid, first: u32) -> Vec<u32> {
    let rows: BTreeSet<u32> = grid
        .sheet
        .cells
        .iter()
        .filter(|c| c.row >= first)
        .map(|c| c.row)
        .collect();
    rows.into_iter().collect()
}

fn read_directorate_sheet(file: &str, sheet: &RawSheet) -> DirectorateSheet {
    let mut out = DirectorateSheet::default();
    let mut by_row: BTreeMap<u32, (Option<&RawValue>, Option<&RawValue>)> = BTreeMap::new();
    for c in &sheet.cells {
        match c.col {
            0 => by_row.entry(c.row).or_default().0 = Some(&c.value),
            1 => by_row.entry(c.row).or_default().1 = Some(&c.value),
            _ => {}
        }
    }
    for (row, (key, value)) in by_row {
        let (Some(key), Some(value)) = (key, value) else {
            continue;
        };
        let value_text = as_text(value);
        if value_text.is_empty() {
            continue;
        }
        let value = Some(Sourced::new(
            value_text,
            Some(CellRef::new(file, &sheet.name, row, 1)),
        ));
        match fold(&as_text(key)).as_str() {
            "birimadi" | "mudurluk" | "harcamabirimi" | "birim" if out.name.is_none() => {
                out.name = value;
            }
            "harcamayetkilisi" | "mudur" | "birimyoneticisi" => out.official = value,
            "unvan" | "unvani" => out.title = value,
            "hazirlayan" => out.prepared_by = value,
            "tarih" => out.date = value,
            _ => {}
        }
    }
    out
}

struct Ctx<'a> {
    file: &'a str,
    settings: &'a Settings,
    plan: &'a PlanText,
}

impl Ctx<'_> {
    fn objective_exists(&self, code: &str) -> bool {
        self.plan
            .goals
            .iter()
            .flat_map(|g| &g.objectives)
            .any(|o| o.code == code)
    }
}

struct SheetReader<'a, 'b> {
    ctx: &'a Ctx<'a>,
    grid: &'a Grid<'a>,
    sheet: &'a str,
    header: &'a Header,
    out: &'b mut ParsedWorkbook,
}

/// How an empty required value is treated.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    /// Empty → D007, the row is rejected.
    Required,
    /// Empty is kept as None: a rule reports it (G001, G002).
    Flagged,
    Optional,
}

/// Reads the cells of one row, collecting findings; any D finding of severity hata marks the
/// row rejected.
struct RowReader<'a> {
    file: &'a str,
    sheet: &'a str,
    grid: &'a Grid<'a>,
    header: &'a Header,
    specs: &'static [ColumnSpec],
    row: u32,
    item: Option<String>,
    findings: Vec<Finding>,
    rejected: bool,
}

impl<'a> RowReader<'a> {
    fn col(&self, column: Column) -> Option<u32> {
        self.header.columns.get(&column).copied()
    }

    fn cell_at(&self, col: u32) -> CellRef {
        CellRef::new(self.file, self.sheet, self.row, col)
    }

    fn label(&self, column: Column) -> String {
        match column {
            Column::Target(y) => format!("{y} hedefi"),
            c => self
                .specs
                .iter()
                .find(|s| s.column == c)
                .map(|s| s.names[0].to_string())
                .unwrap_or_default(),
        }
    }

    fn push(&mut self, code: Code, col: u32, message: String) {
        let mut f = Finding::new(code, message).at(&self.cell_at(col));
        if let Some(item) = &self.item {
            f = f.item(item.clone());
        }
        if code.default_severity() == crate::finding::Severity::Error
            && code.as_str().starts_with('D')
        {
            self.rejected = true;
        }
        self.findings.push(f);
    }

    /// The raw value of a column; an error value is reported (D008) and treated as absent.
    fn raw(&mut self, column: Column) -> (Option<u32>, Option<&'a RawValue>) {
        let Some(col) = self.col(column) else {
            return (None, None);
        };
        match self.grid.get(self.row, col) {
            Some(RawValue::Error(e)) => {
                let msg = format!(
                    "“{}” hücresinde formül hatası var ({e}); formülü düzeltin ya da değeri elle yazın. Satır modele alınmadı.",
                    self.label(column)
                );
                self.push(Code::D008, col, msg);
                (Some(col), None)
            }
            // NaN or ±∞: no program writes one into a cell, but a broken or crafted file can
            // hold one (an .xls NUMBER record is eight raw bytes). Whatever the column, it is
            // not a value: reported here, once, and treated as absent.
            Some(RawValue::Number(n)) if !n.is_finite() => {
                let msg = format!(
                    "“{}” hücresindeki değer geçerli bir sayı değil: dosyada “{}” ({}) kayıtlı. Hücreyi silip doğru değeri yeniden yazın (sayıysa örneğin 1.234,5); değer bir formülün sonucuysa formülü düzeltin. Satır modele alınmadı.",
                    self.label(column),
                    non_finite_text(*n),
                    if n.is_nan() { "tanımsız sayı" } else { "sonsuz" }
                );
                self.push(Code::D001, col, msg);
                (Some(col), None)
            }
            v => (Some(col), v),
        }
    }

    fn missing(&mut self, column: Column, col: Option<u32>, need: Need) {
        if need == Need::Required {
            let col = col.unwrap_or(0);
            let msg = format!(
                "zorunlu “{}” değeri boş; doldurun. Bu satır ({}) modele alınmadı.",
                self.label(column),
                self.row + 1
            );
            // D008 already explains an error cell, D001 a non-finite number.
            if !self.findings.iter().any(|f| {
                matches!(f.code, Code::D008 | Code::D001) && f.position == Some((self.row, col))
            }) {
                self.push(Code::D007, col, msg);
            } else {
                self.rejected = true;
            }
        }
    }

    fn text(&mut self, column: Column, need: Need) -> Sourced<Option<String>> {
        let (col, raw) = self.raw(column);
        let cell = col.map(|c| self.cell_at(c));
        match raw {
            Some(v) => {
                let t = as_text(v);
                if t.is_empty() {
                    self.missing(column, col, need);
                    Sourced::new(None, cell)
                } else {
                    Sourced::new(Some(t), cell)
                }
            }
            None => {
                self.missing(column, col, need);
                Sourced::new(None, cell)
            }
        }
    }

    fn number(&mut self, column: Column, need: Need) -> Sourced<Option<f64>> {
        let (col, raw) = self.raw(column);
        let cell = col.map(|c| self.cell_at(c));
        let value = match (col, raw) {
            (_, None) => {
                self.missing(column, col, need);
                None
            }
            (Some(c), Some(RawValue::Number(n))) if n.is_finite() => {
                let _ = c;
                Some(*n)
            }
            (Some(c), Some(RawValue::Text(t))) => match parse_number(t) {
                Some(n) => {
                    if n.ambiguous {
                        let msg = format!(
                            "“{}” belirsiz: “{}” binlik ayraçlı {} olarak okundu. Ondalık sayı kastedildiyse virgül kullanın (örneğin 27,122); değer doğruysa noktayı kaldırın.",
                            t.trim(),
                            t.trim(),
                            plain_number(n.value)
                        );
                        self.push(Code::D006, c, msg);
                    }
                    Some(n.value)
                }
                None => {
                    let msg = format!(
                        "“{}” bir sayı olmalı ama hücrede “{}” yazıyor. Yalnızca sayıyı yazın (örneğin 1.234,5); birim ve açıklamayı başka sütuna taşıyın. Satır modele alınmadı.",
                        self.label(column),
                        t.trim()
                    );
                    self.push(Code::D001, c, msg);
                    None
                }
            },
            (Some(c), Some(other)) => {
                let msg = format!(
                    "“{}” bir sayı olmalı ama hücrede “{}” var. Sayıyı yazın. Satır modele alınmadı.",
                    self.label(column),
                    as_text(other)
                );
                self.push(Code::D001, c, msg);
                None
            }
            (None, Some(_)) => None,
        };
        Sourced::new(value, cell)
    }

    /// A money amount: a number that may not be negative (D009).
    fn amount(&mut self, column: Column, need: Need) -> Sourced<Option<f64>> {
        let v = self.number(column, need);
        if let (Some(n), Some(cell)) = (v.value, &v.cell) {
            if n < 0.0 {
                let msg = format!(
                    "“{}” eksi olamaz ({}). Tutarı sıfır ya da pozitif yazın. Satır modele alınmadı.",
                    self.label(column),
                    plain_number(n)
                );
                let col = cell.col;
                self.push(Code::D009, col, msg);
                return Sourced::new(None, v.cell);
            }
        }
        v
    }

    /// A year: a number 1900–2100 or text holding one, inside the plan period.
    fn year(&mut self, column: Column, plan: (i32, i32)) -> Option<(i32, CellRef)> {
        self.year_in(
            column,
            plan,
            "plan döneminin",
            "Plan dönemi içindeki bir yılı yazın",
        )
    }

    /// A year inside `range`; outside it, D004 says the year is outside `range_name` (“plan
    /// döneminin”) and what to write.
    fn year_in(
        &mut self,
        column: Column,
        range: (i32, i32),
        range_name: &str,
        advice: &str,
    ) -> Option<(i32, CellRef)> {
        let plan = range;
        let (col, raw) = self.raw(column);
        let col = col?;
        let raw = match raw {
            Some(r) => r,
            None => {
                self.missing(column, Some(col), Need::Required);
                return None;
            }
        };
        let year = match raw {
            RawValue::Number(n) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => {
                Some(*n as i32)
            }
            RawValue::Text(t) => {
                let digits: Vec<String> = t
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|d| d.len() == 4)
                    .map(str::to_string)
                    .collect();
                match digits.as_slice() {
                    [d] => d.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)),
                    _ => None,
                }
            }
            _ => None,
        };
        match year {
            Some(y) if y >= plan.0 && y <= plan.1 => Some((y, self.cell_at(col))),
            Some(y) => {
                let msg = format!(
                    "{y} yılı {range_name} ({}–{}) dışında. {advice}. Satır modele alınmadı.",
                    plan.0, plan.1
                );
                self.push(Code::D004, col, msg);
                None
            }
            None => {
                let msg = format!(
                    "“{}” bir yıl değil. Yılı dört rakamla yazın (örneğin {}). Satır modele alınmadı.",
                    as_text(raw),
                    plan.0
                );
                self.push(Code::D004, col, msg);
                None
            }
        }
    }

    /// A value of a closed set (D005 lists the accepted values).
    fn choice<T: Copy>(
        &mut self,
        column: Column,
        need: Need,
        parse: fn(&str) -> Option<T>,
        accepted: String,
    ) -> Sourced<Option<T>> {
        let text = self.text(column, need);
        let value = match (&text.value, &text.cell) {
            (Some(t), Some(cell)) => match parse(t) {
                Some(v) => Some(v),
                None => {
                    let msg = format!(
                        "“{}” için “{}” geçerli değil. Şunlardan birini yazın: {}. Satır modele alınmadı.",
                        self.label(column),
                        t,
                        accepted
                    );
                    let col = cell.col;
                    self.push(Code::D005, col, msg);
                    None
                }
            },
            _ => None,
        };
        Sourced::new(value, text.cell)
    }
}

/// `Sourced<Option<T>>` → `Sourced<T>` when the value is known to be present.
fn take<T>(s: Sourced<Option<T>>) -> Option<Sourced<T>> {
    let Sourced {
        value,
        cell,
        changed_by,
    } = s;
    value.map(|value| Sourced {
        value,
        cell,
        changed_by,
    })
}

fn split_list(text: &str) -> Vec<String> {
    text.split([';', ',', '\n', '\r'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl<'a> SheetReader<'a, '_> {
    fn row_reader<'r>(&self, role: SheetRole, row: u32) -> RowReader<'r>
    where
        'a: 'r,
    {
        RowReader {
            file: self.ctx.file,
            sheet: self.sheet,
            grid: self.grid,
            header: self.header,
            specs: specs_of(role),
            row,
            item: None,
            findings: Vec::new(),
            rejected: false,
        }
    }

    fn read_rows(&mut self, role: SheetRole, rows: &[u32]) {
        let mut seen: HashMap<String, CellRef> = HashMap::new();
        for &row in rows {
            let mut r = self.row_reader(role, row);
            let kept = match role {
                SheetRole::Indicators => self.indicator_row(&mut r, &mut seen),
                SheetRole::Actuals => self.actual_row(&mut r, &mut seen),
                SheetRole::Activities => self.activity_row(&mut r, &mut seen),
                SheetRole::Budget => self.budget_row(&mut r, &mut seen),
                SheetRole::Revenue => self.revenue_row(&mut r, &mut seen),
                SheetRole::Debts => self.debt_row(&mut r),
                SheetRole::Affiliates => self.affiliate_row(&mut r),
                SheetRole::Transfers => self.transfer_row(&mut r),
                SheetRole::Directorate => false,
            };
            let findings = std::mem::take(&mut r.findings);
            self.out.findings.extend(findings);
            if !kept {
                self.out.rows_rejected += 1;
            }
        }
    }

    fn duplicate(
        &self,
        r: &mut RowReader,
        key: String,
        cell: &CellRef,
        seen: &mut HashMap<String, CellRef>,
        what: &str,
    ) -> bool {
        if let Some(first) = seen.get(&key) {
            let msg = format!(
                "{what} iki kez yazılmış: ilk kez {} hücresinde. Tekrarlanan satırı silin ya da kodu düzeltin. Bu satır modele alınmadı.",
                first.a1()
            );
            r.push(Code::D003, cell.col, msg);
            return true;
        }
        seen.insert(key, cell.clone());
        false
    }

    fn indicator_row(&mut self, r: &mut RowReader, seen: &mut HashMap<String, CellRef>) -> bool {
        let code = r.text(Column::IndicatorCode, Need::Required);
        let code_value = code.value.as_deref().map(|c| normalize_code(c, "PG"));
        r.item = code_value.clone();
        let objective = r.text(Column::ObjectiveCode, Need::Required);
        let name = r.text(Column::IndicatorName, Need::Required);
        let unit = r.text(Column::Unit, Need::Required);
        let direction = r.choice(
            Column::Direction,
            Need::Required,
            Direction::parse,
            Direction::accepted(),
        );
        let weight = r.number(Column::Weight, Need::Required);
        let baseline = r.number(Column::Baseline, Need::Flagged);
        let mut targets = BTreeMap::new();
        for year in self.ctx.settings.years.plan_years() {
            targets.insert(year, r.number(Column::Target(year), Need::Flagged));
        }
        let monitoring = r.choice(
            Column::Monitoring,
            Need::Required,
            Frequency::parse,
            Frequency::accepted(),
        );
        let reporting = r.choice(
            Column::Reporting,
            Need::Required,
            Frequency::parse,
            Frequency::accepted(),
        );
        let cooperating = r.text(Column::Cooperating, Need::Optional);
        let note = r.text(Column::Note, Need::Optional);

        let objective_code = objective.value.as_deref().map(|o| normalize_code(o, "H"));
        if let (Some(o), Some(cell)) = (&objective_code, &objective.cell) {
            if !self.ctx.objective_exists(o) {
                let msg = format!(
                    "{o} hedefi plan.yaml'da yok. Göstergenin bağlı olduğu hedefin kodunu plan.yaml'daki gibi yazın (örneğin H1.2). Satır modele alınmadı."
                );
                r.push(Code::D002, cell.col, msg);
            }
        }
        if r.rejected {
            return false;
        }
        let (Some(code_value), Some(code_cell)) = (code_value, code.cell.clone()) else {
            return false;
        };
        if self.duplicate(
            r,
            code_value.clone(),
            &code_cell,
            seen,
            &format!("{code_value} göstergesi"),
        ) {
            return false;
        }
        let (
            Some(objective_code),
            Some(name),
            Some(unit),
            Some(direction),
            Some(weight),
            Some(monitoring),
            Some(reporting),
        ) = (
            objective_code,
            take(name),
            take(unit),
            take(direction),
            take(weight),
            take(monitoring),
            take(reporting),
        )
        else {
            return false;
        };
        let unit = if unit.value.trim() == "%" {
            Sourced {
                value: "Yüzde".to_string(),
                ..unit
            }
        } else {
            unit
        };
        self.out.indicators.push(Indicator {
            code: code_value,
            code_cell: Some(code_cell),
            objective: Sourced::new(objective_code, objective.cell),
            directorate: String::new(),
            name,
            unit,
            direction,
            weight,
            baseline,
            targets,
            monitoring,
            reporting,
            cooperating: Sourced::new(
                cooperating
                    .value
                    .as_deref()
                    .map(split_list)
                    .unwrap_or_default(),
                cooperating.cell,
            ),
            note,
            actuals: Vec::new(),
        });
        true
    }

    fn actual_row(&mut self, r: &mut RowReader, seen: &mut HashMap<String, CellRef>) -> bool {
        let plan = (
            self.ctx.settings.years.plan_start,
            self.ctx.settings.years.plan_end,
        );
        let code = r.text(Column::IndicatorCode, Need::Required);
        let code_value = code.value.as_deref().map(|c| normalize_code(c, "PG"));
        r.item = code_value.clone();
        let year = r.year(Column::Year, plan);
        let period = r.choice(
            Column::Period,
            Need::Required,
            Period::parse,
            Period::accepted(),
        );
        let value = r.number(Column::ActualValue, Need::Required);
        let reason = r.text(Column::DeviationReason, Need::Optional);
        let source = r.text(Column::DataSource, Need::Optional);
        if let (Some(c), Some(cell)) = (&code_value, &code.cell) {
            if !self.out.indicators.iter().any(|i| &i.code == c) {
                let msg = format!(
                    "{c} göstergesi bu çalışma kitabının “Göstergeler” sayfasında yok (ya da o satır reddedildi). Gerçekleşme yalnızca birimin kendi göstergeleri için yazılır; kodu düzeltin. Satır modele alınmadı."
                );
                r.push(Code::D002, cell.col, msg);
            }
        }
        if r.rejected {
            return false;
        }
        let (Some(code_value), Some(code_cell), Some((year, _)), Some(period), Some(value)) = (
            code_value,
            code.cell.clone(),
            year,
            take(period),
            take(value),
        ) else {
            return false;
        };
        let key = format!("{code_value}|{year}|{}", period.value.label());
        if self.duplicate(
            r,
            key,
            &code_cell,
            seen,
            &format!(
                "{code_value} göstergesinin {year} {} değeri",
                period.value.label()
            ),
        ) {
            return false;
        }
        self.out.actuals.push(PendingActual {
            indicator: code_value,
            actual: Actual {
                year,
                period: period.value,
                value,
                deviation_reason: reason,
                data_source: source,
                code_cell: Some(code_cell),
            },
        });
        true
    }

    fn activity_row(&mut self, r: &mut RowReader, seen: &mut HashMap<String, CellRef>) -> bool {
        let plan = (
            self.ctx.settings.years.plan_start,
            self.ctx.settings.years.plan_end,
        );
        let kind = r.choice(
            Column::Kind,
            Need::Optional,
            ActivityKind::parse,
            ActivityKind::accepted(),
        );
        let kind_value = kind.value.unwrap_or(ActivityKind::Activity);
        let code = r.text(Column::ActivityCode, Need::Required);
        let prefix = if kind_value == ActivityKind::Project {
            "P"
        } else {
            "F"
        };
        let code_value = code.value.as_deref().map(|c| normalize_code(c, prefix));
        r.item = code_value.clone();
        let objective = r.text(Column::ObjectiveCode, Need::Required);
        let name = r.text(Column::ActivityName, Need::Required);
        let year = r.year(Column::Year, plan);
        let budget = r.amount(Column::Budget, Need::Required);
        let off_budget = r.amount(Column::OffBudget, Need::Optional);
        let expenditure = r.amount(Column::Expenditure, Need::Optional);
        let status = r.choice(
            Column::Status,
            Need::Optional,
            Status::parse,
            Status::accepted(),
        );
        let note = r.text(Column::Note, Need::Optional);
        let objective_code = objective.value.as_deref().map(|o| normalize_code(o, "H"));
        if let (Some(o), Some(cell)) = (&objective_code, &objective.cell) {
            if !self.ctx.objective_exists(o) {
                let msg = format!(
                    "{o} hedefi plan.yaml'da yok. Faaliyetin bağlı olduğu hedefin kodunu plan.yaml'daki gibi yazın. Satır modele alınmadı."
                );
                r.push(Code::D002, cell.col, msg);
            }
        }
        if r.rejected {
            return false;
        }
        let (
            Some(code_value),
            Some(code_cell),
            Some(objective_code),
            Some(name),
            Some((year, _)),
            Some(budget),
        ) = (
            code_value,
            code.cell.clone(),
            objective_code,
            take(name),
            year,
            take(budget),
        )
        else {
            return false;
        };
        if self.duplicate(
            r,
            format!("{code_value}|{year}"),
            &code_cell,
            seen,
            &format!("{code_value} faaliyetinin {year} yılı satırı"),
        ) {
            return false;
        }
        // Rows of one activity code must agree on hedef and name.
        if let Some(other) = self.out.activities.iter().find(|a| a.code == code_value) {
            let differs = if other.objective.value != objective_code {
                Some(format!(
                    "hedefi farklı ({} ve {objective_code})",
                    other.objective.value
                ))
            } else if fold(&other.name.value) != fold(&name.value) {
                Some("adı farklı".to_string())
            } else {
                None
            };
            if let Some(why) = differs {
                let first = other.code_cell.as_ref().map(|c| c.a1()).unwrap_or_default();
                let msg = format!(
                    "{code_value} kodu iki farklı faaliyete verilmiş: {why}; ilk satır {first}. Her faaliyete ayrı kod verin ya da satırları eşitleyin. Bu satır modele alınmadı."
                );
                r.push(Code::D003, code_cell.col, msg);
                return false;
            }
        }
        let off_cell = off_budget.cell.clone();
        self.out.activities.push(Activity {
            code: code_value,
            code_cell: Some(code_cell),
            kind: kind_value,
            objective: Sourced::new(objective_code, objective.cell),
            directorate: String::new(),
            name,
            year,
            budget,
            off_budget: Sourced::new(off_budget.value.unwrap_or(0.0), off_cell),
            expenditure,
            status,
            note,
        });
        true
    }

    fn budget_row(&mut self, r: &mut RowReader, seen: &mut HashMap<String, CellRef>) -> bool {
        let plan = (
            self.ctx.settings.years.plan_start,
            self.ctx.settings.years.plan_end,
        );
        let year = r.year(Column::Year, plan);
        let code = r.choice(
            Column::EconomicCode,
            Need::Required,
            parse_economic_code,
            economic_codes_list(),
        );
        r.item = code.value.map(str::to_string);
        let initial = r.amount(Column::InitialAppropriation, Need::Required);
        let total = r.amount(Column::TotalAppropriation, Need::Optional);
        let spent = r.amount(Column::Expenditure, Need::Optional);
        let explanation = r.text(Column::Note, Need::Optional);
        if r.rejected {
            return false;
        }
        let (Some((year, _)), Some(code), Some(initial)) = (year, take(code), take(initial)) else {
            return false;
        };
        let code_cell = code.cell.clone();
        if let Some(cell) = &code_cell {
            if self.duplicate(
                r,
                format!("{year}|{}", code.value),
                cell,
                seen,
                &format!("{year} yılı {} ekonomik kodu", code.value),
            ) {
                return false;
            }
        }
        let total = match total.value {
            Some(v) => Sourced::new(v, total.cell),
            None => Sourced::new(initial.value, total.cell.or_else(|| initial.cell.clone())),
        };
        self.out.budget.push(BudgetLine {
            directorate: String::new(),
            year,
            economic_code: code.value.to_string(),
            code_cell,
            initial_appropriation: initial,
            total_appropriation: total,
            expenditure: spent,
            explanation,
        });
        true
    }
}

impl SheetReader<'_, '_> {
    fn revenue_row(&mut self, r: &mut RowReader, seen: &mut HashMap<String, CellRef>) -> bool {
        let years = self.ctx.settings.years.revenue_years();
        let year = r.year_in(
            Column::Year,
            years,
            "okunan yılların",
            "Rapor yılını, önceki yılı ya da plan dönemi içindeki bir yılı yazın",
        );
        let code = r.choice(
            Column::EconomicCode,
            Need::Required,
            parse_revenue_code,
            revenue_codes_list(),
        );
        r.item = code.value.map(str::to_string);
        let estimate = r.amount(Column::Estimate, Need::Required);
        let collected = r.amount(Column::Collected, Need::Optional);
        let explanation = r.text(Column::Note, Need::Optional);
        if r.rejected {
            return false;
        }
        let (Some((year, _)), Some(code), Some(estimate)) = (year, take(code), take(estimate))
        else {
            return false;
        };
        let code_cell = code.cell.clone();
        if let Some(cell) = &code_cell {
            if self.duplicate(
                r,
                format!("{year}|{}", code.value),
                cell,
                seen,
                &format!("{year} yılı {} gelir kodu", code.value),
            ) {
                return false;
            }
        }
        let Some(sheet) = self.out.finance.revenue.as_mut() else {
            return false;
        };
        sheet.rows.push(RevenueLine {
            year,
            economic_code: code.value.to_string(),
            code_cell,
            estimate,
            collected,
            explanation,
        });
        true
    }

    fn debt_row(&mut self, r: &mut RowReader) -> bool {
        let item = r.text(Column::DebtItem, Need::Required);
        r.item = item.value.clone();
        let term = r.choice(
            Column::Term,
            Need::Required,
            DebtTerm::parse,
            DebtTerm::accepted(),
        );
        let start = r.amount(Column::StartOfYear, Need::Required);
        let end = r.amount(Column::EndOfYear, Need::Required);
        let note = r.text(Column::Note, Need::Optional);
        if r.rejected {
            return false;
        }
        let (Some(item), Some(term), Some(start), Some(end)) =
            (take(item), take(term), take(start), take(end))
        else {
            return false;
        };
        let Some(sheet) = self.out.finance.debts.as_mut() else {
            return false;
        };
        sheet.rows.push(DebtLine {
            item,
            term,
            start_of_year: start,
            end_of_year: end,
            note,
        });
        true
    }

    fn affiliate_row(&mut self, r: &mut RowReader) -> bool {
        let name = r.text(Column::AffiliateName, Need::Required);
        r.item = name.value.clone();
        // The single `Yok` row: the municipality has no affiliates; Türü may stay empty.
        if let (Some(n), Some(cell)) = (&name.value, &name.cell) {
            if fold(n) == "yok" {
                return self.none_row(r, cell.clone());
            }
        }
        let kind = r.choice(
            Column::Kind,
            Need::Required,
            AffiliateKind::parse,
            AffiliateKind::accepted(),
        );
        let field = r.text(Column::Field, Need::Optional);
        let capital = r.amount(Column::Capital, Need::Optional);
        // A share outside 0–100 is kept and flagged (M005); a loss is a negative result.
        let share = r.number(Column::Share, Need::Optional);
        let result = r.number(Column::Result, Need::Optional);
        let note = r.text(Column::Note, Need::Optional);
        if r.rejected {
            return false;
        }
        let (Some(name), Some(kind)) = (take(name), take(kind)) else {
            return false;
        };
        let Some(sheet) = self.out.finance.affiliates.as_mut() else {
            return false;
        };
        if let Some(none) = sheet.declared_none.take() {
            // A `Yok` row above real rows contradicts them: it leaves the model.
            self.out.rows_rejected += 1;
            self.out.findings.push(yok_among_rows(&none));
        }
        sheet.rows.push(Affiliate {
            name,
            kind,
            field,
            capital,
            share,
            result,
            note,
        });
        true
    }

    /// The `Yok` row of İştirakler: kept when it is the sheet's only row, else D005.
    fn none_row(&mut self, r: &mut RowReader, cell: CellRef) -> bool {
        let Some(sheet) = self.out.finance.affiliates.as_mut() else {
            return false;
        };
        if let Some(first) = &sheet.declared_none {
            let msg = format!(
                "“Yok” satırı iki kez yazılmış: ilk kez {} hücresinde. Tekrarlanan satırı silin. Bu satır modele alınmadı.",
                first.a1()
            );
            r.push(Code::D003, cell.col, msg);
            return false;
        }
        if !sheet.rows.is_empty() {
            r.findings.push(yok_among_rows(&cell));
            r.rejected = true;
            return false;
        }
        sheet.declared_none = Some(cell);
        true
    }

    fn transfer_row(&mut self, r: &mut RowReader) -> bool {
        let plan = (
            self.ctx.settings.years.plan_start,
            self.ctx.settings.years.plan_end,
        );
        let year = r.year(Column::Year, plan);
        let recipient = r.text(Column::Recipient, Need::Required);
        r.item = recipient.value.clone();
        let amount = r.amount(Column::Amount, Need::Required);
        let note = r.text(Column::Note, Need::Optional);
        if r.rejected {
            return false;
        }
        let (Some((year, _)), Some(recipient), Some(amount)) =
            (year, take(recipient), take(amount))
        else {
            return false;
        };
        let Some(sheet) = self.out.finance.transfers.as_mut() else {
            return false;
        };
        sheet.rows.push(Transfer {
            year,
            recipient,
            amount,
            note,
        });
        true
    }
}

/// D005 for a `Yok` row in an İştirakler sheet that also has affiliates.
fn yok_among_rows(cell: &CellRef) -> Finding {
    Finding::new(
        Code::D005,
        "“Yok” satırı, belediyenin bağlı kuruluşu, işletmesi ve ortaklığı olmadığını söyler ve sayfadaki tek satır olmalı; bu sayfada kuruluş satırları da var. “Yok” satırını silin. Satır modele alınmadı.",
    )
    .at(cell)
    .item("Yok")
}

/// `1`, `01`, `1.0` → `01`; the revenue codes of [`crate::model::REVENUE_CODES`] (no 07).
pub fn parse_revenue_code(text: &str) -> Option<&'static str> {
    let code = parse_economic_code(text)?;
    crate::model::REVENUE_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, _)| *c)
}

fn revenue_codes_list() -> String {
    crate::model::REVENUE_CODES
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1`, `01`, `1.0` → `01` … `09`.
pub fn parse_economic_code(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let n: u32 = if let Ok(n) = t.parse::<u32>() {
        n
    } else {
        let f: f64 = t.replace(',', ".").parse().ok()?;
        if f.fract() != 0.0 {
            return None;
        }
        f as u32
    };
    crate::model::ECONOMIC_CODES
        .get((n as usize).checked_sub(1)?)
        .map(|(c, _)| *c)
}

fn economic_codes_list() -> String {
    crate::model::ECONOMIC_CODES
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
