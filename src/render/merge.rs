//! Gộp: the pages of several PDFs that vanban wrote, one after another in one file, written
//! as each PDF comes so that a family of tens of thousands of copies never sits in memory
//! whole (`ho.gop`). Each part is a PDF of a few hundred copies exported by Typst; this
//! module copies its pages and everything they use, renumbered, and joins the parts' tag
//! trees under one `Document` (each part becomes a `Part`), so a tagged PDF stays tagged.
//!
//! It reads PDFs as Typst writes them (a classic cross-reference table, no object streams,
//! no incremental updates) and refuses anything else with a message rather than guessing.
//! The first part gives the catalog's document-level entries (language, output intent, XMP
//! metadata, whose page count is corrected) and the document information; the bookmarks and
//! named destinations of the parts are not carried over.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;

/// A PDF value, as far as merging needs to look inside it.
#[derive(Clone, Debug, PartialEq)]
enum Obj {
    Dict(Vec<(Vec<u8>, Obj)>),
    Array(Vec<Obj>),
    Ref(u32),
    Int(i64),
    /// Without its slash, as written (with any `#xx` escapes).
    Name(Vec<u8>),
    /// Reals, strings, booleans, null: copied as written.
    Other(Vec<u8>),
}

impl Obj {
    fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn set(&mut self, key: &[u8], value: Obj) {
        if let Obj::Dict(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => entries.push((key.to_vec(), value)),
            }
        }
    }

    fn remove(&mut self, key: &[u8]) {
        if let Obj::Dict(entries) = self {
            entries.retain(|(k, _)| k != key);
        }
    }

    fn refs(&self, out: &mut Vec<u32>) {
        match self {
            Obj::Ref(id) => out.push(*id),
            Obj::Dict(entries) => entries.iter().for_each(|(_, v)| v.refs(out)),
            Obj::Array(items) => items.iter().for_each(|v| v.refs(out)),
            _ => {}
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Obj::Dict(entries) => {
                out.extend_from_slice(b"<<");
                for (k, v) in entries {
                    out.push(b'/');
                    out.extend_from_slice(k);
                    out.push(b' ');
                    v.write(out);
                }
                out.extend_from_slice(b">>");
            }
            Obj::Array(items) => {
                out.push(b'[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    v.write(out);
                }
                out.push(b']');
            }
            Obj::Ref(id) => out.extend_from_slice(format!("{id} 0 R").as_bytes()),
            Obj::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Obj::Name(n) => {
                out.push(b'/');
                out.extend_from_slice(n);
            }
            Obj::Other(raw) => out.extend_from_slice(raw),
        }
    }
}

/// Reads PDF syntax from a byte slice.
struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    fn at(b: &'a [u8], pos: usize) -> Self {
        Lexer { b, pos }
    }

    fn skip_space(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if is_space(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self
                    .b
                    .get(self.pos)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// A run of regular characters (a number or a keyword).
    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| !is_space(c) && !is_delimiter(c))
        {
            self.pos += 1;
        }
        &self.b[start..self.pos]
    }

    fn expect(&mut self, keyword: &[u8]) -> Result<(), String> {
        self.skip_space();
        if self.b[self.pos..].starts_with(keyword) {
            self.pos += keyword.len();
            Ok(())
        } else {
            Err(format!(
                "expected `{}` at byte {}",
                String::from_utf8_lossy(keyword),
                self.pos
            ))
        }
    }

    fn integer(&mut self) -> Result<i64, String> {
        self.skip_space();
        let at = self.pos;
        std::str::from_utf8(self.word())
            .ok()
            .and_then(|w| w.parse().ok())
            .ok_or_else(|| format!("expected an integer at byte {at}"))
    }

    fn object(&mut self) -> Result<Obj, String> {
        self.skip_space();
        let start = self.pos;
        match self.peek().ok_or("unexpected end of file")? {
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    if self.b[self.pos..].starts_with(b">>") {
                        self.pos += 2;
                        return Ok(Obj::Dict(entries));
                    }
                    let Obj::Name(key) = self.object()? else {
                        return Err(format!("a dictionary key is not a name at byte {start}"));
                    };
                    let value = self.object()?;
                    entries.push((key, value));
                }
            }
            b'<' => {
                let end = self.b[self.pos..]
                    .iter()
                    .position(|&c| c == b'>')
                    .ok_or("unterminated hex string")?;
                self.pos += end + 1;
                Ok(Obj::Other(self.b[start..self.pos].to_vec()))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        return Ok(Obj::Array(items));
                    }
                    items.push(self.object()?);
                }
            }
            b'(' => {
                let mut depth = 0usize;
                loop {
                    let c = self.peek().ok_or("unterminated string")?;
                    self.pos += 1;
                    match c {
                        b'\\' => self.pos += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                Ok(Obj::Other(self.b[start..self.pos].to_vec()))
            }
            b'/' => {
                self.pos += 1;
                Ok(Obj::Name(self.word().to_vec()))
            }
            c if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => {
                let word = self.word();
                let Some(n) = std::str::from_utf8(word).ok().and_then(|w| w.parse().ok()) else {
                    return Ok(Obj::Other(word.to_vec()));
                };
                // `12 0 R` is a reference.
                let after = self.pos;
                self.skip_space();
                let generation = self.word();
                if !generation.is_empty() && generation.iter().all(u8::is_ascii_digit) {
                    self.skip_space();
                    if self.word() == b"R" {
                        return u32::try_from(n)
                            .map(Obj::Ref)
                            .map_err(|_| format!("a bad reference at byte {start}"));
                    }
                }
                self.pos = after;
                Ok(Obj::Int(n))
            }
            _ => {
                let word = self.word();
                if word.is_empty() {
                    return Err(format!("unexpected byte at {start}"));
                }
                Ok(Obj::Other(word.to_vec()))
            }
        }
    }
}

/// One PDF being merged: where its objects are, and its trailer.
struct Part<'a> {
    bytes: &'a [u8],
    offsets: HashMap<u32, usize>,
    trailer: Obj,
}

impl<'a> Part<'a> {
    fn read(bytes: &'a [u8]) -> Result<Part<'a>, String> {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let at = tail
            .windows(9)
            .rposition(|w| w == b"startxref")
            .ok_or("no startxref")?;
        let mut lx = Lexer::at(tail, at + 9);
        let xref = lx.integer()? as usize;
        let mut lx = Lexer::at(bytes, xref);
        lx.expect(b"xref")
            .map_err(|_| "not a classic cross-reference table".to_string())?;
        let mut offsets = HashMap::new();
        loop {
            lx.skip_space();
            if lx.b[lx.pos..].starts_with(b"trailer") {
                break;
            }
            let first = lx.integer()?;
            let count = lx.integer()?;
            for i in 0..count {
                let offset = lx.integer()?;
                let _generation = lx.integer()?;
                lx.skip_space();
                if lx.word() == b"n" {
                    offsets.insert((first + i) as u32, offset as usize);
                }
            }
        }
        lx.expect(b"trailer")?;
        let trailer = lx.object()?;
        if trailer.get(b"Prev").is_some() {
            return Err("an incrementally updated PDF".into());
        }
        Ok(Part {
            bytes,
            offsets,
            trailer,
        })
    }

    /// Object `id`: its dictionary or value, and a stream's data.
    fn object(&self, id: u32) -> Result<(Obj, Option<&'a [u8]>), String> {
        let &at = self
            .offsets
            .get(&id)
            .ok_or_else(|| format!("object {id} is missing"))?;
        let mut lx = Lexer::at(self.bytes, at);
        lx.integer()?;
        lx.integer()?;
        lx.expect(b"obj")?;
        let value = lx.object()?;
        lx.skip_space();
        if !lx.b[lx.pos..].starts_with(b"stream") {
            return Ok((value, None));
        }
        lx.pos += 6;
        if lx.peek() == Some(b'\r') {
            lx.pos += 1;
        }
        if lx.peek() == Some(b'\n') {
            lx.pos += 1;
        }
        let len = match value.get(b"Length") {
            Some(Obj::Int(n)) => *n as usize,
            Some(Obj::Ref(r)) => match self.object(*r)?.0 {
                Obj::Int(n) => n as usize,
                _ => return Err(format!("object {id}: a bad stream length")),
            },
            _ => return Err(format!("object {id}: a stream without length")),
        };
        let data = self
            .bytes
            .get(lx.pos..lx.pos + len)
            .ok_or_else(|| format!("object {id}: the stream runs past the end"))?;
        Ok((value, Some(data)))
    }

    fn dict(&self, value: &Obj) -> Result<Obj, String> {
        match value {
            Obj::Ref(id) => Ok(self.object(*id)?.0),
            other => Ok(other.clone()),
        }
    }
}

/// The ids of the objects the merger writes itself.
const PAGES: u32 = 1;
const CATALOG: u32 = 2;
const STRUCT_ROOT: u32 = 3;
const DOCUMENT: u32 = 4;

/// Keys of a page that it may inherit from its page tree.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// Catalog entries that belong to one part's pages and are not carried over.
const PART_ONLY: [&[u8]; 9] = [
    b"Type",
    b"Pages",
    b"StructTreeRoot",
    b"Outlines",
    b"Names",
    b"Dests",
    b"PageLabels",
    b"OpenAction",
    b"AcroForm",
];

/// Writes one PDF from parts added one after another.
pub struct Merger<W: Write> {
    out: W,
    pos: u64,
    /// Offset of each written object, by id (index 0 unused).
    offsets: Vec<u64>,
    pages: Vec<u32>,
    tagged: Option<bool>,
    parent_tree: Vec<(i64, Obj)>,
    parts: Vec<u32>,
    role_map: Vec<(Vec<u8>, Obj)>,
    next_key: i64,
    /// From the first part: catalog entries, information dictionary, file identifier.
    catalog: Vec<(Vec<u8>, Obj)>,
    info: Option<u32>,
    id: Option<Obj>,
    /// The XMP packet, written last with the merged page count.
    metadata: Option<(u32, Obj, Vec<u8>)>,
}

impl<W: Write> Merger<W> {
    pub fn new(out: W) -> Self {
        Merger {
            out,
            pos: 0,
            offsets: vec![0; DOCUMENT as usize + 1],
            pages: Vec::new(),
            tagged: None,
            parent_tree: Vec::new(),
            parts: Vec::new(),
            role_map: Vec::new(),
            next_key: 0,
            catalog: Vec::new(),
            info: None,
            id: None,
            metadata: None,
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.out.write_all(bytes).map_err(|e| e.to_string())?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    fn emit_object(&mut self, id: u32, value: &Obj, data: Option<&[u8]>) -> Result<(), String> {
        self.offsets[id as usize] = self.pos;
        let mut buf = format!("{id} 0 obj\n").into_bytes();
        value.write(&mut buf);
        match data {
            Some(data) => {
                buf.extend_from_slice(b"\nstream\n");
                self.emit(&buf)?;
                self.emit(data)?;
                self.emit(b"\nendstream\nendobj\n")
            }
            None => {
                buf.extend_from_slice(b"\nendobj\n");
                self.emit(&buf)
            }
        }
    }

    /// Adds every page of `pdf`, after the pages added so far.
    pub fn add(&mut self, pdf: &[u8]) -> Result<(), String> {
        let part = Part::read(pdf)?;
        let first = self.offsets.len() == DOCUMENT as usize + 1;
        if first {
            // The header, with its line of binary bytes (PDF/A asks for it).
            let end = pdf
                .windows(4)
                .position(|w| w == b" obj")
                .and_then(|i| pdf[..i].iter().rposition(|&c| c == b'\n'))
                .ok_or("no header")?;
            let header = pdf[..=end]
                .split_inclusive(|&c| c == b'\n')
                .take_while(|l| l.starts_with(b"%"))
                .flatten()
                .copied()
                .collect::<Vec<u8>>();
            self.emit(&header)?;
        }
        let root = match part.trailer.get(b"Root") {
            Some(r @ Obj::Ref(_)) => part.dict(r)?,
            _ => return Err("no catalog".into()),
        };
        let Some(Obj::Ref(pages_root)) = root.get(b"Pages") else {
            return Err("no page tree".into());
        };

        // Old id → new id. The part's own page tree and tag root stand for the merged ones.
        let mut map: HashMap<u32, u32> = HashMap::new();
        let mut queue = VecDeque::new();
        let mut skip = HashSet::from([*pages_root]);
        let mut next = self.offsets.len() as u32;
        let mut reach = |old: u32, map: &mut HashMap<u32, u32>, queue: &mut VecDeque<u32>| {
            map.entry(old).or_insert_with(|| {
                queue.push_back(old);
                next += 1;
                next - 1
            });
        };

        // The pages in order, with what each inherits from its page tree.
        let mut pages = Vec::new();
        let mut inherited: HashMap<u32, Vec<(Vec<u8>, Obj)>> = HashMap::new();
        let mut stack = vec![(*pages_root, Vec::new())];
        while let Some((id, inherit)) = stack.pop() {
            let (node, _) = part.object(id)?;
            if node.get(b"Type") == Some(&Obj::Name(b"Pages".to_vec())) {
                skip.insert(id);
                let mut inherit = inherit.clone();
                for key in INHERITED {
                    if let Some(v) = node.get(key) {
                        inherit.retain(|(k, _): &(Vec<u8>, Obj)| k != key);
                        inherit.push((key.to_vec(), v.clone()));
                    }
                }
                let Some(Obj::Array(kids)) = node.get(b"Kids") else {
                    return Err(format!("page tree node {id} without kids"));
                };
                for kid in kids.iter().rev() {
                    let Obj::Ref(kid) = kid else {
                        return Err("a page that is not a reference".into());
                    };
                    stack.push((*kid, inherit.clone()));
                }
            } else {
                pages.push(id);
                inherited.insert(id, inherit);
            }
        }
        for &p in &pages {
            reach(p, &mut map, &mut queue);
        }
        let pages_set: HashSet<u32> = pages.iter().copied().collect();

        // The tag tree: its top elements become parts of the one Document.
        let struct_root = match root.get(b"StructTreeRoot") {
            Some(Obj::Ref(id)) => Some(*id),
            _ => None,
        };
        match self.tagged {
            Some(t) if t != struct_root.is_some() => {
                return Err("parts with and without tags".into());
            }
            _ => self.tagged = Some(struct_root.is_some()),
        }
        let mut tops = HashSet::new();
        let mut nums = Vec::new();
        let mut key_shift = self.next_key;
        if let Some(sr) = struct_root {
            skip.insert(sr);
            let (tree, _) = part.object(sr)?;
            let mut kids = Vec::new();
            match tree.get(b"K") {
                Some(Obj::Ref(k)) => kids.push(*k),
                Some(Obj::Array(items)) => {
                    for item in items {
                        let Obj::Ref(k) = item else {
                            return Err("a tag root child that is not a reference".into());
                        };
                        kids.push(*k);
                    }
                }
                _ => {}
            }
            for k in kids {
                tops.insert(k);
                reach(k, &mut map, &mut queue);
            }
            if let Some(tree) = tree.get(b"ParentTree") {
                let mut nodes = vec![part.dict(tree)?];
                while let Some(node) = nodes.pop() {
                    if let Some(Obj::Array(items)) = node.get(b"Nums") {
                        for pair in items.chunks(2) {
                            if let [Obj::Int(k), v] = pair {
                                nums.push((*k, v.clone()));
                            }
                        }
                    }
                    if let Some(Obj::Array(kids)) = node.get(b"Kids") {
                        for kid in kids {
                            nodes.push(part.dict(kid)?);
                        }
                    }
                }
            }
            let mut refs = Vec::new();
            for (_, v) in &nums {
                v.refs(&mut refs);
            }
            for r in refs {
                reach(r, &mut map, &mut queue);
            }
            if let Some(rm) = tree.get(b"RoleMap") {
                if let Obj::Dict(entries) = part.dict(rm)? {
                    for (k, v) in entries {
                        if !self.role_map.iter().any(|(have, _)| *have == k) {
                            self.role_map.push((k, v));
                        }
                    }
                }
            }
            let next_key = match tree.get(b"ParentTreeNextKey") {
                Some(Obj::Int(n)) => *n,
                _ => nums.iter().map(|(k, _)| k + 1).max().unwrap_or(0),
            };
            self.next_key += next_key;
        } else {
            key_shift = 0;
        }

        // What the first part gives the whole file.
        let mut catalog = Vec::new();
        let mut metadata = None;
        if first {
            if let Obj::Dict(entries) = &root {
                for (k, v) in entries {
                    if !PART_ONLY.contains(&k.as_slice()) {
                        catalog.push((k.clone(), v.clone()));
                    }
                }
            }
            let mut refs = Vec::new();
            for (_, v) in &catalog {
                v.refs(&mut refs);
            }
            if let Some(Obj::Ref(m)) = root.get(b"Metadata") {
                metadata = Some(*m);
            }
            if let Some(Obj::Ref(i)) = part.trailer.get(b"Info") {
                refs.push(*i);
            }
            for r in refs {
                reach(r, &mut map, &mut queue);
            }
            self.id = part.trailer.get(b"ID").cloned();
        }

        // Copy what was reached, and what that reaches, renumbered.
        while let Some(old) = queue.pop_front() {
            let (mut value, data) = part.object(old)?;
            // The links up to the part's page tree and tag root are set to the merged ones
            // after renumbering (the merged ids may be ids of the part too).
            let page = pages_set.contains(&old);
            let top = tops.contains(&old);
            if page {
                for (k, v) in &inherited[&old] {
                    if value.get(k).is_none() {
                        value.set(k, v.clone());
                    }
                }
                value.remove(b"Parent");
            }
            if top {
                value.remove(b"P");
                if value.get(b"S") == Some(&Obj::Name(b"Document".to_vec())) {
                    value.set(b"S", Obj::Name(b"Part".to_vec()));
                }
            }
            let mut refs = Vec::new();
            value.refs(&mut refs);
            for r in refs {
                if !skip.contains(&r) {
                    reach(r, &mut map, &mut queue);
                }
            }
            let mut value = renumber(value, &map, *pages_root, struct_root, key_shift)?;
            if page {
                value.set(b"Parent", Obj::Ref(PAGES));
            }
            if top {
                value.set(b"P", Obj::Ref(DOCUMENT));
            }
            let new = map[&old];
            if self.offsets.len() <= new as usize {
                self.offsets.resize(new as usize + 1, 0);
            }
            if Some(old) == metadata {
                self.metadata = Some((new, value, data.unwrap_or_default().to_vec()));
            } else {
                self.emit_object(new, &value, data)?;
            }
        }

        self.pages.extend(pages.iter().map(|p| map[p]));
        self.parts.extend(tops.iter().map(|t| map[t]));
        self.parts.sort_unstable();
        for (k, v) in nums {
            let v = renumber(v, &map, *pages_root, struct_root, key_shift)?;
            self.parent_tree.push((k + key_shift, v));
        }
        if first {
            self.catalog = catalog
                .into_iter()
                .map(|(k, v)| Ok((k, renumber(v, &map, *pages_root, struct_root, 0)?)))
                .collect::<Result<_, String>>()?;
            self.info = match part.trailer.get(b"Info") {
                Some(Obj::Ref(i)) => Some(map[i]),
                _ => None,
            };
        }
        Ok(())
    }

    /// Writes the page tree, the tag tree, the catalog and the cross-reference table.
    pub fn finish(mut self) -> Result<W, String> {
        if self.pages.is_empty() {
            return Err("no pages".into());
        }
        if let Some((id, mut dict, data)) = self.metadata.take() {
            let data = with_page_count(&data, self.pages.len());
            dict.set(b"Length", Obj::Int(data.len() as i64));
            self.emit_object(id, &dict, Some(&data))?;
        }
        let kids = Obj::Array(self.pages.iter().map(|&p| Obj::Ref(p)).collect());
        let pages = Obj::Dict(vec![
            (b"Type".to_vec(), Obj::Name(b"Pages".to_vec())),
            (b"Count".to_vec(), Obj::Int(self.pages.len() as i64)),
            (b"Kids".to_vec(), kids),
        ]);
        self.emit_object(PAGES, &pages, None)?;
        let mut catalog = Obj::Dict(vec![
            (b"Type".to_vec(), Obj::Name(b"Catalog".to_vec())),
            (b"Pages".to_vec(), Obj::Ref(PAGES)),
        ]);
        if self.tagged == Some(true) {
            self.parent_tree.sort_by_key(|(k, _)| *k);
            let nums = self
                .parent_tree
                .drain(..)
                .flat_map(|(k, v)| [Obj::Int(k), v])
                .collect();
            let root = Obj::Dict(vec![
                (b"Type".to_vec(), Obj::Name(b"StructTreeRoot".to_vec())),
                (b"RoleMap".to_vec(), Obj::Dict(self.role_map.clone())),
                (b"K".to_vec(), Obj::Array(vec![Obj::Ref(DOCUMENT)])),
                (
                    b"ParentTree".to_vec(),
                    Obj::Dict(vec![(b"Nums".to_vec(), Obj::Array(nums))]),
                ),
                (b"ParentTreeNextKey".to_vec(), Obj::Int(self.next_key)),
            ]);
            self.emit_object(STRUCT_ROOT, &root, None)?;
            let document = Obj::Dict(vec![
                (b"Type".to_vec(), Obj::Name(b"StructElem".to_vec())),
                (b"S".to_vec(), Obj::Name(b"Document".to_vec())),
                (b"P".to_vec(), Obj::Ref(STRUCT_ROOT)),
                (
                    b"K".to_vec(),
                    Obj::Array(self.parts.iter().map(|&p| Obj::Ref(p)).collect()),
                ),
            ]);
            self.emit_object(DOCUMENT, &document, None)?;
            catalog.set(b"StructTreeRoot", Obj::Ref(STRUCT_ROOT));
        } else {
            self.emit_object(STRUCT_ROOT, &Obj::Other(b"null".to_vec()), None)?;
            self.emit_object(DOCUMENT, &Obj::Other(b"null".to_vec()), None)?;
        }
        for (k, v) in std::mem::take(&mut self.catalog) {
            catalog.set(&k, v);
        }
        self.emit_object(CATALOG, &catalog, None)?;

        let xref = self.pos;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len());
        for offset in &self.offsets[1..] {
            table.push_str(&format!("{offset:010} 00000 n\r\n"));
        }
        let mut trailer = Obj::Dict(vec![
            (b"Size".to_vec(), Obj::Int(self.offsets.len() as i64)),
            (b"Root".to_vec(), Obj::Ref(CATALOG)),
        ]);
        if let Some(info) = self.info {
            trailer.set(b"Info", Obj::Ref(info));
        }
        if let Some(id) = self.id.take() {
            trailer.set(b"ID", id);
        }
        table.push_str("trailer\n");
        let mut bytes = table.into_bytes();
        trailer.write(&mut bytes);
        bytes.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF").as_bytes());
        self.emit(&bytes)?;
        Ok(self.out)
    }
}

/// `value` with its references to the part's objects replaced by the merged file's, and the
/// keys of the part's tag parent tree moved after those of the parts before it.
fn renumber(
    value: Obj,
    map: &HashMap<u32, u32>,
    pages_root: u32,
    struct_root: Option<u32>,
    key_shift: i64,
) -> Result<Obj, String> {
    Ok(match value {
        Obj::Ref(id) if id == pages_root => Obj::Ref(PAGES),
        Obj::Ref(id) if Some(id) == struct_root => Obj::Ref(STRUCT_ROOT),
        Obj::Ref(id) => Obj::Ref(
            *map.get(&id)
                .ok_or_else(|| format!("object {id} is used but was not copied"))?,
        ),
        Obj::Array(items) => Obj::Array(
            items
                .into_iter()
                .map(|v| renumber(v, map, pages_root, struct_root, key_shift))
                .collect::<Result<_, _>>()?,
        ),
        Obj::Dict(entries) => Obj::Dict(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let v = match v {
                        Obj::Int(n) if k == b"StructParents" || k == b"StructParent" => {
                            Obj::Int(n + key_shift)
                        }
                        v => renumber(v, map, pages_root, struct_root, key_shift)?,
                    };
                    Ok((k, v))
                })
                .collect::<Result<_, String>>()?,
        ),
        other => other,
    })
}

/// The XMP packet with its page count (`xmpTPg:NPages`) set to `pages`.
fn with_page_count(xmp: &[u8], pages: usize) -> Vec<u8> {
    const OPEN: &[u8] = b"<xmpTPg:NPages>";
    const CLOSE: &[u8] = b"</xmpTPg:NPages>";
    let Some(start) = xmp.windows(OPEN.len()).position(|w| w == OPEN) else {
        return xmp.to_vec();
    };
    let from = start + OPEN.len();
    let Some(len) = xmp[from..].windows(CLOSE.len()).position(|w| w == CLOSE) else {
        return xmp.to_vec();
    };
    let mut out = xmp[..from].to_vec();
    out.extend_from_slice(pages.to_string().as_bytes());
    out.extend_from_slice(&xmp[from + len..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_and_written_back() {
        let text = b"<</Type/Page/Kids[3 0 R 4 0 R]/N -1.5/S(a (b) \\) c)/H<0A1b>/K 7/B true>>";
        let v = Lexer::at(text, 0).object().unwrap();
        assert_eq!(
            v.get(b"Kids"),
            Some(&Obj::Array(vec![Obj::Ref(3), Obj::Ref(4)]))
        );
        assert_eq!(v.get(b"S"), Some(&Obj::Other(b"(a (b) \\) c)".to_vec())));
        assert_eq!(v.get(b"K"), Some(&Obj::Int(7)));
        let mut out = Vec::new();
        v.write(&mut out);
        assert_eq!(Lexer::at(&out, 0).object().unwrap(), v);
    }

    #[test]
    fn the_page_count_of_the_metadata_is_the_merged_one() {
        let xmp = b"<a><xmpTPg:NPages>2</xmpTPg:NPages></a>";
        assert_eq!(
            with_page_count(xmp, 20000),
            b"<a><xmpTPg:NPages>20000</xmpTPg:NPages></a>".to_vec()
        );
    }
}
