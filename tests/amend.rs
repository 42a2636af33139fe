//! Council amendments: applied whole or not at all, every change marked and listed.

mod kit;

use kit::*;
use kitap::finding::Code;

fn decision(p: &TestProject, name: &str, text: &str) {
    p.write_bytes(&format!("degisiklikler/{name}"), text.as_bytes());
}

const HEAD: &str = "karar:\n  organ: Meclis\n  no: \"2025/127\"\n  tarih: 2025-10-21\ngerekce: \"Bütçe görüşmelerinde hedefler yeniden değerlendirildi.\"\n";

#[test]
fn a_decision_changes_values_marks_them_and_lists_them() {
    let p = TestProject::valid("amend-ok");
    decision(
        &p,
        "2025-127.yaml",
        &format!(
            "{HEAD}degisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    eski: 30\n    yeni: 35\n  - faaliyet: F1.1.1\n    alan: butce.2026\n    yeni: 1500000\n  - hedef: H1.1\n    alan: riskler\n    yeni: [Hava koşulları]\n"
        ),
    );
    let c = p.check();
    let a: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with('A'))
        .collect();
    assert!(a.is_empty(), "{a:#?}");
    let ind = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.1")
        .expect("indicator");
    let t = &ind.targets[&2026];
    assert_eq!(t.value, Some(35.0));
    assert_eq!(t.changed_by.as_deref(), Some("2025/127"));
    assert_eq!(ind.targets[&2027].changed_by, None);
    let act = c
        .model
        .activities
        .iter()
        .find(|a| a.code == "F1.1.1" && a.year == 2026)
        .expect("activity");
    assert_eq!(act.budget.value, 1_500_000.0);
    assert_eq!(c.model.decisions.len(), 1);
    assert_eq!(
        kitap::text::format::short_date(c.model.decisions[0].date),
        "21.10.2025"
    );
    assert_eq!(c.model.changes.len(), 3);
    let first = &c.model.changes[0];
    assert_eq!(
        (
            first.item.as_str(),
            first.field.as_str(),
            first.old.as_str(),
            first.new.as_str()
        ),
        ("PG1.1.1", "2026 hedefi", "30", "35")
    );
    assert!(first.reason.contains("yeniden değerlendirildi"));
}

#[test]
fn a002_wrong_old_value_applies_none_of_the_decision() {
    let p = TestProject::valid("amend-a002");
    decision(
        &p,
        "2025-127.yaml",
        &format!(
            "{HEAD}degisiklikler:\n  - faaliyet: F1.1.1\n    alan: butce.2026\n    yeni: 1500000\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    eski: 31\n    yeni: 35\n"
        ),
    );
    let c = p.check();
    let f = one(&c, Code::A002);
    assert_eq!(f.file.as_deref(), Some("degisiklikler/2025-127.yaml"));
    assert_eq!(f.item.as_deref(), Some("PG1.1.1"));
    assert!(f.cell.is_none());
    assert!(
        f.message.contains("31") && f.message.contains("30"),
        "{}",
        f.message
    );
    // Nothing of the decision was applied, not even its valid first change.
    let act = c
        .model
        .activities
        .iter()
        .find(|a| a.code == "F1.1.1" && a.year == 2026)
        .expect("activity");
    assert_eq!(act.budget.value, 1_200_000.0);
    assert!(c.model.decisions.is_empty() && c.model.changes.is_empty());
}

#[test]
fn a001_a003_a004() {
    let p = TestProject::valid("amend-codes");
    decision(
        &p,
        "a.yaml",
        &format!(
            "{HEAD}degisiklikler:\n  - gosterge: PG9.9.9\n    alan: hedef.2026\n    yeni: 1\n"
        ),
    );
    decision(
        &p,
        "b.yaml",
        &format!("{HEAD}degisiklikler:\n  - amac: A1\n    alan: ad\n    yeni: Yeni amaç\n"),
    );
    decision(&p, "c.yaml", "karar:\n  organ: Meclis\n  tarih: 2025-10-21\ndegisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    yeni: 1\n");
    decision(&p, "d.yaml", "karar: [bozuk\n");
    decision(
        &p,
        "e.yaml",
        &format!("{HEAD}degisiklikler:\n  - gosterge: PG1.1.1\n    islem: sil\n"),
    );
    decision(
        &p,
        "f.yaml",
        &format!("{HEAD}degisiklikler:\n  - gosterge: PG1.1.1\n    alan: renk\n    yeni: mavi\n"),
    );
    let c = p.check();
    let a001 = findings(&c, Code::A001);
    assert!(a001
        .iter()
        .any(|f| f.file.as_deref() == Some("degisiklikler/a.yaml")
            && f.item.as_deref() == Some("PG9.9.9")));
    assert!(a001
        .iter()
        .any(|f| f.file.as_deref() == Some("degisiklikler/f.yaml") && f.message.contains("renk")));
    assert_eq!(
        one(&c, Code::A003).file.as_deref(),
        Some("degisiklikler/b.yaml")
    );
    let a004: Vec<_> = findings(&c, Code::A004)
        .iter()
        .filter_map(|f| f.file.clone())
        .collect();
    assert_eq!(
        a004,
        vec![
            "degisiklikler/c.yaml",
            "degisiklikler/d.yaml",
            "degisiklikler/e.yaml"
        ]
    );
    assert!(c.model.decisions.is_empty());
}

#[test]
fn decisions_apply_in_date_order_and_add_and_remove() {
    let p = TestProject::valid("amend-order");
    // Written later in file order but dated earlier: it applies first.
    decision(
        &p,
        "b-erken.yaml",
        "karar: {organ: Encümen, no: \"2025/10\", tarih: 2025-03-01}\ndegisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    eski: 30\n    yeni: 32\n",
    );
    decision(
        &p,
        "a-gec.yaml",
        "karar: {organ: Meclis, no: \"2025/90\", tarih: 2025-09-01}\ndegisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    eski: 32\n    yeni: 33\n  - gosterge: PG1.2.2\n    islem: ekle\n    deger: {hedef: H1.2, ad: \"Çözülen şikâyet oranı\", olcu_birimi: Yüzde, yon: Artış, etki: 0, baslangic: 50, hedefler: {2025: 55, 2026: 60, 2027: 65, 2028: 70, 2029: 75}, izleme: 6 Ay, raporlama: Yıllık, sorumlu_birim: Zabıta Müdürlüğü}\n  - gosterge: PG2.1.1\n    islem: kaldir\n",
    );
    let c = p.check();
    let a: Vec<_> = c
        .report
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with('A'))
        .collect();
    assert!(a.is_empty(), "{a:#?}");
    let ind = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.1.1")
        .expect("indicator");
    assert_eq!(ind.targets[&2026].value, Some(33.0));
    assert_eq!(ind.targets[&2026].changed_by.as_deref(), Some("2025/90"));
    let added = c
        .model
        .indicators
        .iter()
        .find(|i| i.code == "PG1.2.2")
        .expect("added");
    assert_eq!(added.directorate, "Zabıta Müdürlüğü");
    assert_eq!(added.name.changed_by.as_deref(), Some("2025/90"));
    assert!(!c.model.indicators.iter().any(|i| i.code == "PG2.1.1"));
    let order: Vec<_> = c
        .model
        .decisions
        .iter()
        .map(|d| d.number.as_str())
        .collect();
    assert_eq!(order, vec!["2025/10", "2025/90"]);
    assert_eq!(c.model.decisions[0].organ, "Encümen");
}

#[test]
fn an_amendment_that_leaves_weights_at_90_is_caught_by_g005() {
    let p = TestProject::valid("amend-g005");
    // Fen İşleri's H1.1 weights are 60 + 40; the decision lowers 40 to 30.
    decision(&p, "2025-127.yaml", &format!("{HEAD}degisiklikler:\n  - gosterge: PG1.1.2\n    alan: etki\n    eski: 40\n    yeni: 30\n"));
    let c = p.check();
    assert!(findings(&c, Code::A002).is_empty() && findings(&c, Code::A004).is_empty());
    let g005 = one(&c, Code::G005);
    assert_eq!(g005.item.as_deref(), Some("H1.1"));
    assert!(g005.message.contains("90"), "{}", g005.message);
    assert!(
        g005.message.contains("2025/127"),
        "the message names the decision: {}",
        g005.message
    );
}

/// The one A004 of `file`, with its message.
fn a004_of(c: &kitap::pipeline::Checked, file: &str) -> String {
    let found: Vec<_> = findings(c, Code::A004)
        .into_iter()
        .filter(|f| f.file.as_deref() == Some(file))
        .collect();
    assert_eq!(found.len(), 1, "one A004 for {file}: {found:#?}");
    found[0].message.clone()
}

const CHANGE: &str =
    "degisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    eski: 30\n    yeni: 35\n";

#[test]
fn a004_a_date_that_is_not_in_the_calendar_names_the_file_and_the_key() {
    let p = TestProject::valid("amend-dates");
    let head = |date: &str| {
        format!("karar:\n  organ: Meclis\n  no: \"2025/127\"\n  tarih: {date}\n{CHANGE}")
    };
    decision(&p, "a.yaml", &head("2025-02-31"));
    decision(&p, "b.yaml", &head("2025-13-01"));
    decision(&p, "c.yaml", &head("31.04.2025"));
    decision(&p, "d.yaml", &head("dün"));
    let c = p.check();
    let a = a004_of(&c, "degisiklikler/a.yaml");
    assert!(
        a.contains("karar.tarih")
            && a.contains("“2025-02-31”")
            && a.contains("Şubat 2025 28 gün çeker, 31. gün yok"),
        "{a}"
    );
    let b = a004_of(&c, "degisiklikler/b.yaml");
    assert!(
        b.contains("karar.tarih") && b.contains("“2025-13-01”") && b.contains("ay 1 ile 12"),
        "{b}"
    );
    let c_msg = a004_of(&c, "degisiklikler/c.yaml");
    assert!(c_msg.contains("Nisan 2025 30 gün çeker"), "{c_msg}");
    let d = a004_of(&c, "degisiklikler/d.yaml");
    assert!(d.contains("“dün” anlaşılamadı"), "{d}");
    // None of them applied.
    assert!(c.model.decisions.is_empty() && c.model.changes.is_empty());
}

#[test]
fn a004_an_unknown_key_names_the_file_the_line_and_the_key() {
    let p = TestProject::valid("amend-keys");
    // `yenı` with a dotless ı: a typo that must not pass as a change without a new value.
    decision(
        &p,
        "a.yaml",
        &format!(
            "{HEAD}degisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    yenı: 35\n"
        ),
    );
    decision(&p, "b.yaml", &format!("{HEAD}gerekçe: yazım\n{CHANGE}"));
    decision(
        &p,
        "c.yaml",
        &format!("{HEAD}degisiklikler:\n  - gosterge: PG1.2.2\n    islem: ekle\n    deger: {{hedef: H1.2, ad: X, renk: mavi}}\n"),
    );
    let c = p.check();
    let a = a004_of(&c, "degisiklikler/a.yaml");
    assert!(
        a.contains("1. değişiklik: “yenı” diye bir alan yok") && a.contains("eski, yeni, deger"),
        "{a}"
    );
    let b = a004_of(&c, "degisiklikler/b.yaml");
    assert!(b.contains("`gerekçe` diye bir alan yok"), "{b}");
    let c_msg = a004_of(&c, "degisiklikler/c.yaml");
    assert!(
        c_msg.contains("degisiklikler/c.yaml: satır 9")
            && c_msg.contains("`degisiklikler[0].deger.renk` diye bir alan yok")
            && c_msg.contains("`olcu_birimi`"),
        "{c_msg}"
    );
    assert!(c.model.decisions.is_empty());
}

#[test]
fn a004_a_value_of_the_wrong_kind_names_the_key() {
    let p = TestProject::valid("amend-types");
    decision(
        &p,
        "a.yaml",
        &format!("karar:\n  organ: Meclis\n  no: [2025, 127]\n  tarih: 2025-10-21\n{CHANGE}"),
    );
    decision(
        &p,
        "b.yaml",
        &format!("{HEAD}degisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    yeni: {{deger: 35}}\n"),
    );
    // Refused change by change: every problem of the decision is said at once.
    decision(
        &p,
        "c.yaml",
        &format!("{HEAD}degisiklikler:\n  - PG1.1.1 hedefi 35 olsun\n  - gosterge: PG1.2.2\n    islem: ekle\n    deger: {{hedef: H1.2, ad: X, olcu_birimi: Sayı, yon: Artış, etki: 0, baslangic: 0, hedefler: 5, izleme: Yıllık, raporlama: Yıllık, sorumlu_birim: Zabıta Müdürlüğü}}\n"),
    );
    let c = p.check();
    let a = a004_of(&c, "degisiklikler/a.yaml");
    assert!(
        a.contains("`karar.no` bir metin ya da sayı olmalı, liste yazılmış"),
        "{a}"
    );
    let b = a004_of(&c, "degisiklikler/b.yaml");
    assert!(b.contains("`degisiklikler[0].yeni` bir metin"), "{b}");
    let refused: Vec<_> = findings(&c, Code::A004)
        .into_iter()
        .filter(|f| f.file.as_deref() == Some("degisiklikler/c.yaml"))
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(refused.len(), 2, "{refused:#?}");
    assert!(
        refused[0].contains("1. değişiklik bir alanlar listesi değil"),
        "{refused:#?}"
    );
    assert!(
        refused[1].contains("hedefler yıl: değer biçiminde olmalı"),
        "{refused:#?}"
    );
    assert!(c.model.decisions.is_empty());
}

#[test]
fn eski_null_means_the_value_must_be_empty_now() {
    let p = TestProject::valid("amend-null");
    // PG1.1.1 has a 2026 target (30): `eski: null` says it has none, so A002.
    decision(
        &p,
        "a.yaml",
        &format!("{HEAD}degisiklikler:\n  - gosterge: PG1.1.1\n    alan: hedef.2026\n    eski: null\n    yeni: 35\n"),
    );
    let c = p.check();
    let f = one(&c, Code::A002);
    assert!(f.message.contains("eski değer — yazılmış"), "{}", f.message);
}
