//! A decision file (`degisiklikler/*.yaml`) in types, with the file's Turkish keys. YAML
//! itself is read by `config` ([`crate::config::parse_document`]); this module only says what
//! a decision file may hold. A key the types do not know, or a value of the wrong kind, is
//! refused with the file, line, column and key (A004); what the values mean is checked when
//! the decision is applied.

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use crate::config::value_error;
use crate::text::{fold, parse_number};

/// One decision file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionYaml {
    #[serde(rename = "karar")]
    pub head: Option<HeadYaml>,
    #[serde(rename = "gerekce")]
    pub reason: Option<Scalar>,
    #[serde(rename = "degisiklikler", default)]
    pub changes: Vec<Entry<ChangeYaml>>,
}

/// `karar:` — who decided, the decision's number and date.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadYaml {
    pub organ: Option<Scalar>,
    #[serde(rename = "no")]
    pub number: Option<Scalar>,
    #[serde(rename = "tarih")]
    pub date: Option<Scalar>,
}

/// A value written as `alan: değer` lines (a change, `deger`, `hedefler`), or something else:
/// then the change is refused on its own, with the Turkish message that says what to write,
/// and the decision's other problems are reported with it.
#[derive(Debug)]
pub enum Entry<T> {
    Fields(T),
    NotFields,
}

/// One change: the item it names, what it does and the values.
#[derive(Debug, Deserialize)]
pub struct ChangeYaml {
    #[serde(rename = "gosterge")]
    pub indicator: Option<Scalar>,
    #[serde(rename = "faaliyet")]
    pub activity: Option<Scalar>,
    #[serde(rename = "hedef")]
    pub objective: Option<Scalar>,
    #[serde(rename = "islem")]
    pub operation: Option<Operation>,
    #[serde(rename = "alan")]
    pub field: Option<Scalar>,
    /// What the value must be now; `eski: null` says it must be empty.
    #[serde(rename = "eski", default, deserialize_with = "present")]
    pub old: Option<Given>,
    #[serde(rename = "yeni", default, deserialize_with = "present")]
    pub new: Option<Given>,
    /// The fields of an added item.
    #[serde(rename = "deger", default, deserialize_with = "present")]
    pub added: Option<Entry<AddedYaml>>,
    /// Any other key: refused change by change (the plan's misyon, vizyon and amaçlar with
    /// A003), so that a decision's problems are all said at once.
    #[serde(flatten)]
    pub other: BTreeMap<String, IgnoredAny>,
}

/// The keys of a change, for the message about a key that is none of them.
pub const CHANGE_KEYS: &str = "gosterge, faaliyet, hedef, islem, alan, eski, yeni, deger";

impl ChangeYaml {
    /// The first key that would change the plan's mission, vision, values or goals.
    pub fn forbidden_key(&self) -> Option<&'static str> {
        [
            "misyon",
            "vizyon",
            "amac",
            "amaç",
            "amaclar",
            "temel_degerler",
        ]
        .into_iter()
        .find(|key| self.other.contains_key(*key))
    }

    /// A key that is no key of a change (after [`Self::forbidden_key`]).
    pub fn unknown_key(&self) -> Option<&str> {
        self.other.keys().next().map(String::as_str)
    }
}

/// `deger:` — every field of an added gösterge or faaliyet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedYaml {
    #[serde(rename = "hedef", default, deserialize_with = "present")]
    pub objective: Option<Given>,
    #[serde(rename = "ad", default, deserialize_with = "present")]
    pub name: Option<Given>,
    #[serde(rename = "olcu_birimi", default, deserialize_with = "present")]
    pub unit: Option<Given>,
    #[serde(rename = "yon", default, deserialize_with = "present")]
    pub direction: Option<Given>,
    #[serde(rename = "etki", default, deserialize_with = "present")]
    pub weight: Option<Given>,
    #[serde(rename = "baslangic", default, deserialize_with = "present")]
    pub baseline: Option<Given>,
    #[serde(rename = "hedefler", default, deserialize_with = "present")]
    pub targets: Option<YearValues>,
    #[serde(rename = "izleme", default, deserialize_with = "present")]
    pub monitoring: Option<Given>,
    #[serde(rename = "raporlama", default, deserialize_with = "present")]
    pub reporting: Option<Given>,
    #[serde(rename = "sorumlu_birim", default, deserialize_with = "present")]
    pub responsible: Option<Given>,
    #[serde(rename = "isbirligi", default, deserialize_with = "present")]
    pub cooperating: Option<Given>,
    #[serde(rename = "aciklama", default, deserialize_with = "present")]
    pub note: Option<Given>,
    #[serde(rename = "tur", default, deserialize_with = "present")]
    pub kind: Option<Given>,
    #[serde(rename = "butce", default, deserialize_with = "present")]
    pub budget: Option<YearValues>,
    #[serde(rename = "butce_disi", default, deserialize_with = "present")]
    pub off_budget: Option<YearValues>,
}

/// `{2025: 1, 2026: 2}`: a value for each year, keyed by the year as written.
pub type YearValues = Entry<BTreeMap<String, Given>>;

/// What a change does (`islem`); `degistir` when not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Change,
    Add,
    Remove,
    /// Anything else, folded as written (`sil`): refused when applied.
    Other(String),
}

impl Operation {
    /// The word as a decision writes it (folded): `degistir`, `ekle`, `kaldir`, `sil`.
    pub fn word(&self) -> &str {
        match self {
            Operation::Change => "degistir",
            Operation::Add => "ekle",
            Operation::Remove => "kaldir",
            Operation::Other(word) => word,
        }
    }

    fn from_text(text: &str) -> Operation {
        match fold(text).as_str() {
            "degistir" => Operation::Change,
            "ekle" => Operation::Add,
            "kaldir" => Operation::Remove,
            other => Operation::Other(other.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Operation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Scalar::deserialize(d).map(|s| Operation::from_text(&s.0))
    }
}

/// A code, a number or a name: one text, numbers and yes/no as written (`127`, `true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// Errors are raised inside the visitor, so that the YAML reader names the key they concern.
struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bir metin ya da sayı")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Err(value_error("boş; bir metin ya da sayı yazın"))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Scalar, E> {
        Ok(Scalar(b.to_string()))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar, E> {
        Ok(Scalar(n.to_string()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar, E> {
        Ok(Scalar(n.to_string()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Scalar, E> {
        Ok(Scalar(number_text(n)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar, E> {
        Ok(Scalar(s.trim().to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Scalar, A::Error> {
        Err(value_error("bir metin ya da sayı olmalı, liste yazılmış"))
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Scalar, A::Error> {
        Err(value_error(
            "bir metin ya da sayı olmalı, alan: değer satırları yazılmış",
        ))
    }
}

/// `1.5`, `2.0`: the shortest text that reads back as the number.
fn number_text(n: f64) -> String {
    format!("{n:?}")
}

/// A value of `eski`, `yeni` or `deger`: what it means depends on the field it is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    Null,
    Bool(bool),
    /// A YAML number, with its text for the places that take it as text.
    Number {
        value: f64,
        text: String,
    },
    Text(String),
    List(Vec<Given>),
}

impl Given {
    /// The value as text (trimmed); `None` for an empty value or a list.
    pub fn text(&self) -> Option<String> {
        match self {
            Given::Text(s) => Some(s.trim().to_string()),
            Given::Number { text, .. } => Some(text.clone()),
            Given::Bool(b) => Some(b.to_string()),
            Given::Null | Given::List(_) => None,
        }
    }

    /// The value as a number: a YAML number or a number typed as Turkish text (`1.500.000`).
    pub fn number(&self) -> Option<f64> {
        match self {
            Given::Number { value, .. } => Some(*value),
            Given::Text(s) => parse_number(s).map(|n| n.value),
            _ => None,
        }
    }

    /// The value as a list of texts: a YAML list, or one text split at `;` and line breaks.
    pub fn list(&self) -> Option<Vec<String>> {
        match self {
            Given::List(items) => items.iter().map(Given::text).collect(),
            Given::Text(s) => Some(
                s.split([';', '\n'])
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
            ),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Given::Null)
    }
}

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(GivenVisitor)
    }
}

struct GivenVisitor;

impl<'de> Visitor<'de> for GivenVisitor {
    type Value = Given;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("bir metin, sayı ya da liste")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Given, E> {
        Ok(Given::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Given, E> {
        Ok(Given::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Given, D::Error> {
        Given::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Given, E> {
        Ok(Given::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Given, E> {
        Ok(Given::Number {
            value: n as f64,
            text: n.to_string(),
        })
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Given, E> {
        Ok(Given::Number {
            value: n as f64,
            text: n.to_string(),
        })
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Given, E> {
        Ok(Given::Number {
            value: n,
            text: number_text(n),
        })
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Given, E> {
        Ok(Given::Text(s.to_string()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Given, E> {
        Ok(Given::Text(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Given, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Given::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Given, A::Error> {
        Err(value_error(
            "bir metin, sayı ya da liste olmalı, alan: değer satırları yazılmış",
        ))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor(PhantomData))
    }
}

struct EntryVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for EntryVisitor<T> {
    type Value = Entry<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("alan: değer satırları")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry::Fields)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entry::NotFields)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }

    fn visit_none<E: de::Error>(self) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Entry<T>, E> {
        Ok(Entry::NotFields)
    }
}

/// A key that is written, even as `null`, is `Some`: `eski: null` differs from no `eski`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}
