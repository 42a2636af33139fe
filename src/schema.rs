//! The keys a serde type accepts, read from its own `Deserialize` implementation.
//!
//! [`keys`] runs `T::deserialize` against a deserializer that answers every request with a
//! harmless value and, whenever asked for a struct, writes down the struct's field names under
//! the path that led there: `kurum`, `kurum.ad`, `birimler.ad`, `kurallar.seviye`. Maps
//! (`kurallar.seviye: {G008: hata}`) are visited empty: their keys are data, not schema; a list's
//! items are visited once, under the list's own path. The guide's test compares these lists
//! with the documented keys, so a key added to a struct without documentation fails a test.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

type Error = de::value::Error;

/// Every key `T` accepts, dotted, in the order serde declares them.
pub fn keys<T: de::DeserializeOwned>() -> Vec<String> {
    let mut out = Vec::new();
    // The tracer hands every field a value its type accepts, so this succeeds; the keys are
    // written down before any value is read, so even a failure would not lose them.
    let _ = T::deserialize(Tracer {
        path: String::new(),
        out: &mut out,
    });
    out
}

struct Tracer<'a> {
    path: String,
    out: &'a mut Vec<String>,
}

impl Tracer<'_> {
    fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bool(false)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(0)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(0)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(0)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(0)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(0)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(0)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(0)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_char(' ')
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str("")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(OneItem { tracer: Some(self) })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Fields {
            tracer: self,
            fields: &[],
            next: 0,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        for field in fields {
            let key = self.child(field);
            self.out.push(key);
        }
        visitor.visit_map(Fields {
            tracer: self,
            fields,
            next: 0,
        })
    }

    forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit unit_struct newtype_struct tuple tuple_struct enum
        identifier ignored_any
    }
}

/// A list with one item, traced under the list's own path.
struct OneItem<'a> {
    tracer: Option<Tracer<'a>>,
}

impl<'de> SeqAccess<'de> for OneItem<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.tracer.take() {
            Some(t) => seed.deserialize(t).map(Some),
            None => Ok(None),
        }
    }
}

/// A struct's fields, each with a traced value.
struct Fields<'a> {
    tracer: Tracer<'a>,
    fields: &'static [&'static str],
    next: usize,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.fields.get(self.next) {
            Some(field) => seed
                .deserialize(IntoDeserializer::<Error>::into_deserializer(*field))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let field = self.fields[self.next];
        self.next += 1;
        let path = self.tracer.child(field);
        seed.deserialize(Tracer {
            path,
            out: &mut *self.tracer.out,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        ad: String,
        yil: i32,
        oran: Option<f64>,
        #[serde(default)]
        liste: Vec<Inner>,
        ic: Option<Inner>,
        #[serde(default)]
        harita: BTreeMap<String, String>,
        #[serde(rename = "yeni_ad")]
        eski: Option<u64>,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        kod: String,
        #[serde(default)]
        notlar: Vec<String>,
    }

    #[test]
    fn nested_fields_are_dotted_under_their_path() {
        assert_eq!(
            keys::<Outer>(),
            [
                "ad",
                "yil",
                "oran",
                "liste",
                "ic",
                "harita",
                "yeni_ad",
                "liste.kod",
                "liste.notlar",
                "ic.kod",
                "ic.notlar",
            ]
            .map(String::from)
            .to_vec()
        );
    }
}
