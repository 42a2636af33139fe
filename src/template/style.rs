//! Cell formats of the template: a bold, filled header; grey locked cells; white unlocked
//! cells for people to fill; number formats by the kind of column.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// What a column holds; decides its number format, its validation and its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Short text.
    Text,
    /// Long text that wraps (names, notes).
    LongText,
    /// An item code (PG1.1.1, H1.1, F1.1.1).
    Code,
    /// A value of a closed set, chosen from a drop-down list.
    Choice,
    /// Any number.
    Number,
    /// A share 0–100 (Hedefe Etkisi).
    Weight,
    /// A money amount ≥ 0.
    Amount,
    /// A plan year.
    Year,
    /// An economic code `01`–`09`, kept as text so `01` stays `01`.
    EconomicCode,
}

const HEADER_FILL: u32 = 0x1F4E79;
const INFO_FILL: u32 = 0x7F7F7F;
const LOCKED_FILL: u32 = 0xEDEDED;
const BORDER: u32 = 0xBFBFBF;

fn base() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(BORDER))
        .set_align(FormatAlign::Top)
}

fn with_kind(format: Format, kind: Kind) -> Format {
    match kind {
        Kind::LongText => format.set_text_wrap(),
        Kind::Amount => format.set_num_format("#,##0.00"),
        Kind::Year => format.set_num_format("0"),
        Kind::EconomicCode => format.set_num_format("@"),
        Kind::Text | Kind::Code | Kind::Choice | Kind::Number | Kind::Weight => format,
    }
}

/// The formats one workbook uses.
pub struct Styles {
    /// Header of a column kitap reads.
    pub header: Format,
    /// Header of a column shown for information only (kitap ignores it).
    pub info_header: Format,
    /// Keys of the Birim sheet.
    pub key: Format,
    /// The guide's title.
    pub title: Format,
    /// A heading inside the guide.
    pub heading: Format,
    /// Running text of the guide.
    pub body: Format,
    /// Explanations next to a value (grey italic).
    pub hint: Format,
    /// The cell the office fills before sending (deadline).
    pub to_fill: Format,
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            header: base()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_locked(),
            info_header: base()
                .set_bold()
                .set_italic()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(INFO_FILL))
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_locked(),
            key: base()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_locked(),
            title: Format::new().set_bold().set_font_size(14).set_locked(),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(HEADER_FILL))
                .set_locked(),
            body: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_locked(),
            hint: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_locked(),
            to_fill: base()
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_unlocked(),
        }
    }

    /// The default of a whole column: open for input, so rows added below the table can be
    /// filled, with the column's number format and no border.
    pub fn column(&self, kind: Kind) -> Format {
        with_kind(Format::new().set_align(FormatAlign::Top), kind).set_unlocked()
    }

    /// A cell of the given kind: grey and locked, or white and open for input.
    pub fn cell(&self, kind: Kind, locked: bool) -> Format {
        let f = with_kind(base(), kind);
        if locked {
            f.set_background_color(Color::RGB(LOCKED_FILL)).set_locked()
        } else {
            f.set_unlocked()
        }
    }
}
