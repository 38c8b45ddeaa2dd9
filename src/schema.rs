//! JSON Schema of the YAML format, generated from the data model itself (so it cannot drift
//! from what vanban accepts), with Vietnamese descriptions for editors' hover help.

use crate::model::Document;

/// The schema as pretty-printed JSON.
pub fn json() -> String {
    let mut schema = schemars::schema_for!(Document);
    schema.insert(
        "title".into(),
        "Văn bản hành chính vanban (Nghị định 30/2020/NĐ-CP)".into(),
    );
    schema.insert(
        "description".into(),
        "Một văn bản: Kế hoạch, Thông báo hoặc Công văn. Xem README của vanban.".into(),
    );
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}
