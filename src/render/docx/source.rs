//! The .docx carries its source: a custom XML part (`customXml/item1.xml`, with its
//! `itemProps1.xml`, related from `word/document.xml` as customXml) that holds the YAML's text
//! exactly as it was read (base64, so that line endings and every character come back as they
//! were) and a SHA-1 of each other file the document was computed from (`bao_gom`,
//! `ke_thua`, sheets). `vanban nhap` reads it back to bring a leader's edits into the YAML.
//!
//! The part is added to the package the writer made, entry by entry (the other entries are
//! copied unchanged), so the bytes stay deterministic.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha1::Digest as _;

/// The namespace of the part: `vanban nhap` finds its source by it.
pub const NAMESPACE: &str = "urn:vanban:nguon:1";
const ITEM: &str = "customXml/item1.xml";
const PROPS: &str = "customXml/itemProps1.xml";
const REL_ID: &str = "rIdVanbanNguon";

/// What a document was built from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// The YAML's file name (no folder: the .docx travels without it).
    pub name: String,
    /// The YAML's text as read.
    pub text: String,
    /// Each other file read, as written relative to the YAML's folder (`/` separators), with
    /// the SHA-1 of its bytes in hex; `None` when it could not be read again.
    pub files: Vec<(String, Option<String>)>,
    /// vanban's version that built the file.
    pub version: String,
    /// For a member of a family (họ văn bản): its name.
    pub member: Option<String>,
}

/// SHA-1 of bytes, in lowercase hex.
pub fn sha1_hex(bytes: &[u8]) -> String {
    let digest = sha1::Sha1::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Record {
    /// The record of a document at `path` whose text is `text` (as the loader gives it, without
    /// the byte-order mark a Windows editor may have put first: that mark is put back, so that
    /// the text is the file's) and that read `deps`.
    pub fn new(path: &Path, text: &str, deps: &[PathBuf]) -> Record {
        let bom = !text.starts_with('\u{feff}')
            && std::fs::read(path).is_ok_and(|b| b.starts_with("\u{feff}".as_bytes()));
        let mut files: Vec<(String, Option<String>)> = deps
            .iter()
            .map(|d| {
                (
                    relative(path, d),
                    std::fs::read(d).ok().map(|b| sha1_hex(&b)),
                )
            })
            .collect();
        files.sort();
        files.dedup();
        Record {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text: if bom {
                format!("\u{feff}{text}")
            } else {
                text.to_string()
            },
            files,
            version: env!("CARGO_PKG_VERSION").to_string(),
            member: None,
        }
    }

    /// The part's XML.
    pub fn xml(&self) -> String {
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<vanban xmlns=\"{NAMESPACE}\" phien_ban=\"{}\">",
            attr(&self.version)
        );
        let member = self
            .member
            .as_deref()
            .map(|m| format!(" thanh_vien=\"{}\"", attr(m)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<nguon ten=\"{}\"{member} sha1=\"{}\">{}</nguon>",
            attr(&self.name),
            sha1_hex(self.text.as_bytes()),
            base64::engine::general_purpose::STANDARD.encode(self.text.as_bytes())
        ));
        for (file, hash) in &self.files {
            out.push_str(&format!("<tep duong_dan=\"{}\"", attr(file)));
            if let Some(h) = hash {
                out.push_str(&format!(" sha1=\"{h}\""));
            }
            out.push_str("/>");
        }
        out.push_str("</vanban>");
        out
    }

    /// The record in a part's XML; `None` when it is not vanban's or is damaged.
    pub fn parse(xml: &str) -> Option<Record> {
        let doc = roxmltree::Document::parse(xml.trim_start_matches('\u{feff}')).ok()?;
        let root = doc.root_element();
        if root.tag_name().namespace() != Some(NAMESPACE) {
            return None;
        }
        let nguon = root
            .children()
            .find(|n| n.has_tag_name((NAMESPACE, "nguon")))?;
        let b64: String = nguon
            .text()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.as_bytes())
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let files = root
            .children()
            .filter(|n| n.has_tag_name((NAMESPACE, "tep")))
            .filter_map(|n| {
                let p = n.attribute("duong_dan")?.to_string();
                Some((p, n.attribute("sha1").map(str::to_string)))
            })
            .collect();
        Some(Record {
            name: nguon.attribute("ten").unwrap_or("").to_string(),
            text,
            files,
            version: root.attribute("phien_ban").unwrap_or("").to_string(),
            member: nguon.attribute("thanh_vien").map(str::to_string),
        })
    }

    /// `itemProps1.xml`: the data store's id, made from the source so that it is stable.
    fn props_xml(&self) -> String {
        let h = sha1_hex(self.xml().as_bytes());
        let guid = format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
        .to_uppercase();
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<ds:datastoreItem ds:itemID=\"{{{guid}}}\" xmlns:ds=\"http://schemas.openxmlformats.org/officeDocument/2006/customXml\"><ds:schemaRefs><ds:schemaRef ds:uri=\"{NAMESPACE}\"/></ds:schemaRefs></ds:datastoreItem>"
        )
    }
}

/// A file read by the document at `doc`, named from the document's folder (never with the
/// folders above it, so that the bytes do not depend on where the data lives).
fn relative(doc: &Path, file: &Path) -> String {
    let folder = doc.parent().unwrap_or(Path::new(""));
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let shown = file
        .strip_prefix(folder)
        .ok()
        .map(Path::to_path_buf)
        .or_else(|| {
            let (f, d) = (
                real(file)?,
                real(if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                })?,
            );
            f.strip_prefix(&d).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from(file.file_name().unwrap_or_default()));
    shown.to_string_lossy().replace('\\', "/")
}

/// Text for an attribute value.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
        .replace('>', "&gt;")
}

/// The package `docx` with the record's part added: its content type, the relationship from
/// the document, the part and its properties. Every other entry is copied as it was.
pub fn embed(docx: &[u8], record: &Record) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name().to_string();
        let extra = match name.as_str() {
            "[Content_Types].xml" => ("</Types>", "<Override PartName=\"/customXml/itemProps1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.customXmlProperties+xml\"/>".to_string()),
            "word/_rels/document.xml.rels" => ("</Relationships>", format!("<Relationship Id=\"{REL_ID}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml\" Target=\"../{ITEM}\"/>")),
            // Written again with our options, not raw-copied: a raw copy records the host
            // system in the central directory (DOS under Windows), and vanban.exe must
            // write the Linux build's bytes.
            _ => {
                let mut bytes = Vec::new();
                archive.by_index(i)?.read_to_end(&mut bytes)?;
                out.start_file(name.as_str(), options)?;
                out.write_all(&bytes)?;
                continue;
            }
        };
        let mut text = String::new();
        archive.by_index(i)?.read_to_string(&mut text)?;
        let text = match text.rfind(extra.0) {
            Some(at) => format!("{}{}{}", &text[..at], extra.1, &text[at..]),
            None => text,
        };
        out.start_file(name.as_str(), options)?;
        out.write_all(text.as_bytes())?;
    }
    let parts = [
        (ITEM.to_string(), record.xml()),
        (PROPS.to_string(), record.props_xml()),
        (
            "customXml/_rels/item1.xml.rels".to_string(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps\" Target=\"itemProps1.xml\"/></Relationships>".to_string(),
        ),
    ];
    for (name, text) in parts {
        out.start_file(name.as_str(), options)?;
        out.write_all(text.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

/// The record a .docx carries: in the part named by our namespace, whichever `customXml/item*.xml`
/// it is (Word renumbers the items when it saves).
pub fn find(docx: &[u8]) -> Option<Record> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let names: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with("customXml/item") && !n.contains("Props") && n.ends_with(".xml"))
        .map(str::to_string)
        .collect();
    for name in names {
        let Ok(f) = archive.by_name(&name) else {
            continue;
        };
        let mut bytes = Vec::new();
        // A source is a YAML of a few hundred KiB at most.
        if f.take(64 << 20).read_to_end(&mut bytes).is_err() {
            continue;
        }
        let Ok(xml) = String::from_utf8(bytes) else {
            continue;
        };
        if let Some(r) = Record::parse(&xml) {
            return Some(r);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_as_written() {
        let r = Record {
            name: "a & b.yaml".into(),
            text: "# ghi chú\r\nloai: ke_hoach\n  <x> \"y\"\n".into(),
            files: vec![
                ("_chung/t.yaml".into(), Some(sha1_hex(b"abc"))),
                ("mat.csv".into(), None),
            ],
            version: "0.1.0".into(),
            member: Some("tan-thanh".into()),
        };
        assert_eq!(Record::parse(&r.xml()), Some(r.clone()));
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        // Another namespace is not ours.
        assert!(Record::parse("<vanban xmlns=\"urn:khac\"><nguon>YQ==</nguon></vanban>").is_none());
    }
}
