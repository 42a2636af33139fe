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
    assert_eq!(c.model.decisions[0].date, "21.10.2025");
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
