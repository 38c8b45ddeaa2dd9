//! Families (họ văn bản): one document written once and issued for every row of a table — a
//! Quyết định công nhận for each commune that qualified, a Giấy mời for each invitee. The
//! table is a `.csv`, or a sheet of an `.xlsx`/`.ods` workbook, named by the document's `ho`
//! section; each row becomes one member document, its cells citable as `{{hang.cot}}`.
//!
//! Cells are read one by one with their place (`Sheet1!C7`, or the CSV line), never through a
//! deserializer: a bad cell is reported where a clerk can find it, with the row's first cell
//! quoted, and only that row's copy is not written.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use rust_decimal::Decimal;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Pos, Report};
use crate::model::{Family, Text};
use crate::t;

/// One cell as read: its text (trimmed; numbers and dates in the sheet's meaning) and its
/// place for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// The value when the sheet stored a number.
    pub number: Option<Decimal>,
    /// `C7` in a workbook, `dòng 7` in a CSV file.
    pub place: String,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Cells by column name, in the table's order.
    pub cells: Vec<(String, Cell)>,
}

impl Row {
    pub fn get(&self, column: &str) -> Option<&Cell> {
        self.cells.iter().find(|(c, _)| c == column).map(|(_, v)| v)
    }

    /// The row's first cell with text, quoted in messages so a clerk finds the row.
    pub fn first(&self) -> &str {
        self.cells
            .iter()
            .map(|(_, c)| c.text.as_str())
            .find(|t| !t.is_empty())
            .unwrap_or("")
    }
}

/// A table read from a file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file, as a clerk names it in messages: `danh-sach-xa.xlsx, Sheet1`.
    pub display: String,
    pub file: PathBuf,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// One member of a family: the output name, its row and its number.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// File name without extension, from `ten_tep`.
    pub name: String,
    pub row: Row,
    /// Số in sequence from `so_bat_dau`, if asked.
    pub so: Option<u32>,
    /// A hash of the row's cells: the member is rebuilt when it changes.
    pub hash: String,
}

fn err(doc: &Path, source: &str, at: &Text, msg: String) -> Diagnostic {
    Diagnostic::error(doc, Pos::from_yaml(&at.referenced), msg).with_source(source)
}

/// Reads the family's table. Errors are located at the `ho` field that names what is wrong.
pub fn read(doc: &Path, source: &str, fam: &Family) -> Result<Sheet, Box<Diagnostic>> {
    let header = fam.dong_tieu_de.as_ref().map(|n| n.value as usize);
    let sheet = match &fam.bang {
        Some(bang) => read_rows(doc, source, bang, fam.trang.as_ref(), header)?,
        None if !fam.hang.is_empty() => inline(doc, &fam.hang),
        None => return Err(Box::new(
            Diagnostic::error(
                doc,
                Pos::from_yaml(&fam.ten_tep.referenced),
                t!("họ văn bản cần một bảng: `bang` (tệp) hoặc `hang` (các hàng viết trong YAML)"),
            )
            .with_source(source),
        )),
    };
    Ok(sheet)
}

/// The rows of `ho.hang`, as a sheet: the columns in the order the first row names them.
fn inline(
    doc: &Path,
    rows: &[std::collections::BTreeMap<String, Spanned<crate::model::CellValue>>],
) -> Sheet {
    let mut columns: Vec<String> = Vec::new();
    for r in rows {
        for k in r.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Row {
            cells: columns
                .iter()
                .map(|c| {
                    let text = r.get(c).map(|v| v.value.text()).unwrap_or_default();
                    let number = crate::numfmt::parse_vi(&text).filter(|_| {
                        r.get(c)
                            .is_some_and(|v| !matches!(v.value, crate::model::CellValue::Text(_)))
                    });
                    (
                        c.clone(),
                        Cell {
                            text,
                            number,
                            place: t!("hàng {n} của `hang`", n = i + 1),
                        },
                    )
                })
                .collect(),
        })
        .collect();
    Sheet {
        display: "hang".into(),
        file: doc.to_path_buf(),
        columns,
        rows,
    }
}

/// Reads a table named by a `bang` field (and `trang`, the sheet of a workbook).
pub fn read_table(
    doc: &Path,
    source: &str,
    bang: &Text,
    trang: Option<&Text>,
) -> Result<Sheet, Box<Diagnostic>> {
    read_rows(doc, source, bang, trang, None)
}

/// [`read_table`] with the header on row `header` of the sheet (1-based) instead of the first
/// row with text: a title block above an office's table is skipped.
fn read_rows(
    doc: &Path,
    source: &str,
    bang: &Text,
    trang: Option<&Text>,
    header: Option<usize>,
) -> Result<Sheet, Box<Diagnostic>> {
    let file = crate::load::reference(doc, &bang.value);
    // Under `vanban serve`, a table outside the served folder (or reached through a link) is
    // refused before anything about it is looked at.
    if let Err(e) = crate::load::readable(&file) {
        if crate::load::is_refused(&e) {
            return Err(Box::new(err(
                doc,
                source,
                bang,
                t!(
                    "không đọc được bảng `{file}`: {e}",
                    file = bang.value.trim(),
                    e = e
                ),
            )));
        }
    }
    if !file.is_file() {
        let d = err(
            doc,
            source,
            bang,
            t!("không tìm thấy bảng `{file}`", file = file.display()),
        )
        .with_hint(t!(
            "đường dẫn tính từ thư mục của văn bản; bảng là tệp .csv, .xlsx hoặc .ods"
        ));
        return Err(Box::new(d));
    }
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    // A file that cannot be read is located at the `bang` that names it.
    let unreadable = |e: String| {
        Box::new(err(
            doc,
            source,
            bang,
            t!("không đọc được bảng `{file}`: {e}", file = name, e = e),
        ))
    };
    let (display, grid) = match ext.as_str() {
        "csv" => (name.clone(), read_csv(&file).map_err(unreadable)?),
        "xlsx" | "xlsm" | "xls" | "ods" => {
            read_workbook(&file, trang, doc, source, &name, unreadable)?
        }
        _ => {
            return Err(Box::new(err(
                doc,
                source,
                bang,
                t!("bảng `{file}` không phải .csv, .xlsx hay .ods", file = name),
            )))
        }
    };
    let grid = match header {
        Some(n) => grid.into_iter().skip(n.saturating_sub(1)).collect(),
        None => grid,
    };
    Ok(to_sheet(display, file, grid))
}

/// A cell as read from the file, before the header row is known.
type Grid = Vec<Vec<Cell>>;

fn to_sheet(display: String, file: PathBuf, grid: Grid) -> Sheet {
    // The header row is the first row with any text; empty rows below it are skipped, as an
    // office's sheet has them between groups.
    let mut rows = grid
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.text.is_empty()));
    let columns: Vec<String> = rows
        .next()
        .map(|r| r.into_iter().map(|c| c.text).collect())
        .unwrap_or_default();
    let rows = rows
        .map(|r| Row {
            cells: columns
                .iter()
                .cloned()
                .zip(r.into_iter().chain(std::iter::repeat(Cell {
                    text: String::new(),
                    number: None,
                    place: String::new(),
                })))
                .filter(|(c, _)| !c.is_empty())
                .collect(),
        })
        .collect();
    Sheet {
        display,
        file,
        columns: columns.into_iter().filter(|c| !c.is_empty()).collect(),
        rows,
    }
}

fn read_csv(file: &Path) -> Result<Grid, String> {
    let bytes = crate::load::read(file).map_err(|e| e.to_string())?;
    // Excel's plain "CSV" on a Vietnamese Windows is Windows-1258 without a byte order mark;
    // its tones are combining marks, composed here (NFC) as the fonts and searches expect.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            use unicode_normalization::UnicodeNormalization;
            let (decoded, _, bad) = encoding_rs::WINDOWS_1258.decode(e.as_bytes());
            if bad {
                return Err(t!(
                    "tệp CSV không phải UTF-8 hay Windows-1258: trong Excel chọn Lưu thành › CSV UTF-8 (Comma delimited)"
                ));
            }
            decoded.nfc().collect()
        }
    };
    let text = crate::load::without_bom(&text);
    // Excel on a comma-decimal (Vietnamese) Windows separates fields with `;`.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(0, |p| p.line());
        grid.push(
            record
                .iter()
                .map(|f| Cell {
                    text: f.trim().to_string(),
                    number: None,
                    place: t!("dòng {n}", n = line),
                })
                .collect(),
        );
    }
    Ok(grid)
}

/// A workbook's sheet (the named one, else the first), cell by cell with Excel's places.
fn read_workbook(
    file: &Path,
    trang: Option<&Text>,
    doc: &Path,
    source: &str,
    name: &str,
    unreadable: impl Fn(String) -> Box<Diagnostic>,
) -> Result<(String, Grid), Box<Diagnostic>> {
    use calamine::{open_workbook_auto_from_rs, open_workbook_from_rs, Data, Reader, Sheets};
    // Read once, through the loader (confined under `vanban serve`), then parsed from memory
    // by the kind its extension names, as calamine's own `open_workbook_auto` does.
    let bytes = crate::load::read(file).map_err(|e| unreadable(e.to_string()))?;
    let rs = std::io::Cursor::new(bytes);
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let opened = match ext.as_str() {
        "xls" => open_workbook_from_rs(rs)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        "xlsx" | "xlsm" => open_workbook_from_rs(rs)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        "ods" => open_workbook_from_rs(rs)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
        _ => open_workbook_auto_from_rs(rs),
    };
    let mut book = match opened {
        Ok(b) => b,
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let names = book.sheet_names();
    let sheet = match trang {
        Some(t) => {
            let wanted = t.value.trim();
            match names.iter().find(|n| n.as_str() == wanted) {
                Some(n) => n.clone(),
                None => {
                    let mut d = err(
                        doc,
                        source,
                        t,
                        t!(
                            "bảng `{file}` không có trang tính `{sheet}`; có: {names}",
                            file = name,
                            sheet = wanted,
                            names = names.join(", ")
                        ),
                    );
                    if let Some(s) = crate::figures::suggest(wanted, names.iter()) {
                        d = d.with_hint(t!("có phải `{s}`?", s = s));
                    }
                    return Err(Box::new(d));
                }
            }
        }
        None => match names.first() {
            Some(n) => n.clone(),
            None => return Err(unreadable(t!("tệp không có trang tính nào"))),
        },
    };
    let range = match book.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    // Row i of the grid is row i + 1 of the sheet, whatever the first filled row.
    let mut grid: Grid = (0..top).map(|_| Vec::new()).collect();
    for (r, row) in range.rows().enumerate() {
        let mut cells = Vec::new();
        for (c, data) in row.iter().enumerate() {
            // Excel quotes a sheet name with spaces or accents: 'Danh sách xã'!C7.
            let quoted = if sheet
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
            {
                sheet.clone()
            } else {
                format!("'{sheet}'")
            };
            let place = format!(
                "{quoted}!{}",
                cell_name(top as usize + r, left as usize + c)
            );
            let (text, number) = match data {
                Data::Empty => (String::new(), None),
                Data::String(s) => (s.trim().to_string(), None),
                Data::Int(i) => (i.to_string(), Some(Decimal::from(*i))),
                // Rust's shortest display of the float is what the clerk typed (12.3, not
                // 12.300000000000000710…).
                Data::Float(f) => {
                    let d: Option<Decimal> = format!("{f}").parse().ok();
                    (d.map(|d| d.normalize().to_string()).unwrap_or_default(), d)
                }
                Data::Bool(b) => (if *b { "x" } else { "" }.to_string(), None),
                Data::DateTime(d) => (serial_date(d.as_f64()), None),
                Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), None),
                Data::Error(e) => (format!("#{e:?}"), None),
            };
            cells.push(Cell {
                text,
                number,
                place,
            });
        }
        grid.push(cells);
    }
    Ok((format!("{name}, {sheet}"), grid))
}

/// Excel's name of a cell: column letters and row number (`C7`), from 0-based indices.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A workbook's date serial as `dd/mm/yyyy` (the 1900 system, 1899-12-30 as day 0).
fn serial_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
    match base.checked_add_days(chrono::Days::new(serial.max(0.0) as u64)) {
        Some(d) => d.format("%d/%m/%Y").to_string(),
        None => String::new(),
    }
}

/// Whether the sheet has the column a YAML field names; if not, the error says which it has.
fn has_column(
    doc: &Path,
    source: &str,
    sheet: &Sheet,
    at: &Text,
    column: &str,
    report: &mut Report,
) -> bool {
    if sheet.columns.iter().any(|c| c == column) {
        return true;
    }
    let mut d = err(
        doc,
        source,
        at,
        t!(
            "bảng {file} không có cột `{column}`; có: {columns}",
            file = sheet.display,
            column = column,
            columns = sheet.columns.join(", ")
        ),
    );
    if let Some(s) = crate::figures::suggest(column, sheet.columns.iter()) {
        d = d.with_hint(t!("có phải `{s}`?", s = s));
    }
    report.push(d);
    false
}

/// A phụ lục's responsibility matrix read from a sheet (`ma_tran_bang`): one task per row,
/// grouped by the group column, whose empty (or merged) cells continue the group above.
/// Returns the groups and the file read (an input of the document).
pub fn matrix(
    doc: &Path,
    source: &str,
    spec: &crate::model::MatrixSheet,
    report: &mut Report,
) -> Option<(Vec<crate::model::TaskGroup>, PathBuf)> {
    use crate::model::{Task, TaskGroup};
    let sheet = open(doc, source, &spec.bang, spec.trang.as_ref(), report)?;
    let roles = [
        Some(&spec.nhom),
        Some(&spec.noi_dung),
        spec.chi_dao.as_ref(),
        spec.thuc_hien.as_ref(),
        spec.phoi_hop.as_ref(),
        spec.thoi_gian.as_ref(),
    ];
    let mut ok = true;
    for at in roles.iter().flatten() {
        ok &= has_column(doc, source, &sheet, at, at.value.trim(), report);
    }
    if !ok {
        return None;
    }
    let text = |v: &str| -> Text { unknown(v.to_string()) };
    let cell = |row: &Row, role: Option<&Text>| -> Option<Text> {
        let c = row.get(role?.value.trim())?;
        (!c.text.is_empty()).then(|| text(&c.text))
    };
    let mut groups: Vec<TaskGroup> = Vec::new();
    for row in &sheet.rows {
        if let Some(name) = cell(row, Some(&spec.nhom)) {
            if groups.last().is_none_or(|g| g.nhom.value != name.value) {
                groups.push(TaskGroup {
                    nhom: name,
                    viec: Vec::new(),
                });
            }
        }
        let Some(noi_dung) = cell(row, Some(&spec.noi_dung)) else {
            continue;
        };
        if groups.is_empty() {
            groups.push(TaskGroup {
                nhom: text(""),
                viec: Vec::new(),
            });
        }
        groups.last_mut().expect("a group").viec.push(Task {
            noi_dung,
            chi_dao: cell(row, spec.chi_dao.as_ref()),
            thuc_hien: cell(row, spec.thuc_hien.as_ref()),
            phoi_hop: cell(row, spec.phoi_hop.as_ref()),
            thoi_gian: cell(row, spec.thoi_gian.as_ref()),
        });
    }
    Some((groups, sheet.file))
}

/// Opens a table named by a YAML field; its error goes to the report.
fn open(
    doc: &Path,
    source: &str,
    bang: &Text,
    trang: Option<&Text>,
    report: &mut Report,
) -> Option<Sheet> {
    match read_table(doc, source, bang, trang) {
        Ok(s) => Some(s),
        Err(d) => {
            report.push(*d);
            None
        }
    }
}

/// An error at a cell, placed as a clerk finds it: `xa.xlsx, 'Danh sách xã'!D3` or
/// `xa.csv, dòng 3`, the row quoted by its first cell with text.
fn cell_error(sheet: &Sheet, row: &Row, column: &str, message: String) -> Diagnostic {
    let place = row.get(column).map_or("", |c| c.place.as_str());
    let at = PathBuf::from(format!("{}, {place}", sheet.file.display()));
    Diagnostic::error(
        &at,
        None,
        t!("{msg} (hàng “{first}”)", msg = message, first = row.first()),
    )
}

/// The number in a cell, or its located error.
fn number_of(sheet: &Sheet, row: &Row, column: &str, report: &mut Report) -> Option<Decimal> {
    let cell = row.get(column)?;
    let n = cell.number.or_else(|| crate::numfmt::parse_vi(&cell.text));
    if n.is_none() {
        report.push(not_a_number(sheet, row, column));
    }
    n
}

fn not_a_number(sheet: &Sheet, row: &Row, column: &str) -> Diagnostic {
    let found = row.get(column).map_or("", |c| c.text.as_str());
    cell_error(
        sheet,
        row,
        column,
        t!(
            "cột `{column}` cần một số, gặp “{found}”",
            column = column,
            found = found
        ),
    )
}

/// A whole number in a cell (a count), or its located error.
fn whole_of(sheet: &Sheet, row: &Row, column: &str, report: &mut Report) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    let n = number_of(sheet, row, column, report)?;
    let whole = n.fract().is_zero().then(|| n.to_i64()).flatten();
    if whole.is_none() {
        report.push(not_a_number(sheet, row, column));
    }
    whole
}

/// A name in a cell that prose will cite (`{{von.truc_tiep}}`): unaccented lower-case
/// letters, digits and `_`. None when the cell is empty, or wrong (reported).
fn citable_name(sheet: &Sheet, row: &Row, column: &str, report: &mut Report) -> Option<String> {
    let name = row.get(column).map_or("", |c| c.text.as_str());
    if name.is_empty() {
        return None;
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        report.push(cell_error(
            sheet,
            row,
            column,
            t!(
                "tên `{name}` chỉ gồm chữ thường không dấu, số và _ (nó là tên để trích dẫn)",
                name = name
            ),
        ));
        return None;
    }
    Some(name.to_string())
}

/// A value read from a sheet: it has no place in the YAML (errors about it name its cell).
fn unknown<T>(v: T) -> Spanned<T> {
    Spanned::new(
        v,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// Funding lines read from a sheet (`nguon_von.F.bang`): a line per row with its amount, or
/// sub-lines under a line written once (or merged). Returns the lines and the file read.
pub fn funding(
    doc: &Path,
    source: &str,
    spec: &crate::model::FundingSheet,
    report: &mut Report,
) -> Option<(
    std::collections::BTreeMap<String, crate::model::FundingLine>,
    PathBuf,
)> {
    use crate::model::{Amount, FundingLine};
    let sheet = open(doc, source, &spec.bang, spec.trang.as_ref(), report)?;
    let mut columns = vec![spec.dong.clone(), spec.so_tien.clone()];
    columns.extend(spec.dong_con.clone());
    let rows = filtered(doc, source, &sheet, &columns, None, report)?;
    let (line_col, amount_col) = (spec.dong.value.trim(), spec.so_tien.value.trim());
    let mut lines: std::collections::BTreeMap<String, FundingLine> = Default::default();
    let mut current: Option<String> = None;
    let errors = report.items.len();
    for row in rows {
        if row.get(line_col).is_some_and(|c| !c.text.is_empty()) {
            match citable_name(&sheet, row, line_col, report) {
                Some(name) => current = Some(name),
                None => continue,
            }
        }
        let Some(line) = current.clone() else {
            continue;
        };
        if row.get(amount_col).is_none_or(|c| c.text.is_empty()) {
            continue;
        }
        let Some(amount) = number_of(&sheet, row, amount_col, report) else {
            continue;
        };
        let sub = spec
            .dong_con
            .as_ref()
            .and_then(|c| row.get(c.value.trim()))
            .filter(|c| !c.text.is_empty());
        let entry = lines.entry(line).or_insert(FundingLine {
            so_tien: None,
            con_lai: None,
            dong: Default::default(),
            ty_le_ghi: None,
        });
        match sub {
            Some(s) => {
                entry.dong.insert(s.text.clone(), unknown(Amount(amount)));
            }
            None => entry.so_tien = Some(unknown(Amount(amount))),
        }
    }
    (report.items.len() == errors).then_some((lines, sheet.file.clone()))
}

/// The rows a list prints: the named columns checked against the sheet's, the filter applied.
pub fn filtered<'s>(
    doc: &Path,
    source: &str,
    sheet: &'s Sheet,
    columns: &[Text],
    filter: Option<&crate::model::RowFilter>,
    report: &mut Report,
) -> Option<Vec<&'s Row>> {
    let mut ok = true;
    for c in columns {
        ok &= has_column(doc, source, sheet, c, c.value.trim(), report);
    }
    if let Some(f) = filter {
        ok &= has_column(doc, source, sheet, &f.cot, f.cot.value.trim(), report);
    }
    if !ok {
        return None;
    }
    Some(sheet.rows.iter().filter(|row| keeps(filter, row)).collect())
}

/// Whether a row passes `chi_khi`: its column equals `bang` (ignoring case) or contains `chua`.
fn keeps(filter: Option<&crate::model::RowFilter>, row: &Row) -> bool {
    let Some(f) = filter else { return true };
    let cell = row.get(f.cot.value.trim()).map_or("", |c| c.text.as_str());
    match (&f.bang, &f.chua) {
        (Some(v), _) => cell.to_lowercase() == v.value.trim().to_lowercase(),
        (_, Some(v)) => cell.to_lowercase().contains(&v.value.trim().to_lowercase()),
        _ => true,
    }
}

/// Every unit's value from a column (`binh_quan.B.bang`), empty cells skipped; the values and
/// the file read.
pub fn column(
    doc: &Path,
    source: &str,
    spec: &crate::model::ColumnSheet,
    report: &mut Report,
) -> Option<(Vec<Decimal>, PathBuf)> {
    let sheet = open(doc, source, &spec.bang, spec.trang.as_ref(), report)?;
    let rows = filtered(
        doc,
        source,
        &sheet,
        std::slice::from_ref(&spec.cot),
        spec.chi_khi.as_ref(),
        report,
    )?;
    let errors = report.items.len();
    let column = spec.cot.value.trim();
    let values: Vec<Decimal> = rows
        .into_iter()
        .filter(|r| r.get(column).is_some_and(|c| !c.text.is_empty()))
        .filter_map(|r| number_of(&sheet, r, column, report))
        .collect();
    (report.items.len() == errors).then_some((values, sheet.file.clone()))
}

/// A distribution's groups from a sheet (`phan_bo.D.bang`): name and whole count per row.
pub fn groups(
    doc: &Path,
    source: &str,
    spec: &crate::model::GroupSheet,
    report: &mut Report,
) -> Option<(Vec<(String, i64)>, PathBuf)> {
    let sheet = open(doc, source, &spec.bang, spec.trang.as_ref(), report)?;
    let rows = filtered(
        doc,
        source,
        &sheet,
        &[spec.nhom.clone(), spec.so.clone()],
        None,
        report,
    )?;
    let errors = report.items.len();
    let mut out = Vec::new();
    for row in rows {
        let Some(name) = citable_name(&sheet, row, spec.nhom.value.trim(), report) else {
            continue;
        };
        if let Some(n) = whole_of(&sheet, row, spec.so.value.trim(), report) {
            out.push((name, n));
        }
    }
    (report.items.len() == errors).then_some((out, sheet.file.clone()))
}

/// One target row: name, reached (da_dat), added (them).
pub type TargetRow = (String, i64, Option<i64>);

/// Targets from a sheet (`chi_tieu_bang`): name, reached and added per row, and the file read.
pub fn targets(
    doc: &Path,
    source: &str,
    spec: &crate::model::TargetSheet,
    report: &mut Report,
) -> Option<(Vec<TargetRow>, PathBuf)> {
    let sheet = open(doc, source, &spec.bang, spec.trang.as_ref(), report)?;
    let mut columns = vec![spec.ten.clone(), spec.da_dat.clone()];
    columns.extend(spec.them.clone());
    let rows = filtered(doc, source, &sheet, &columns, None, report)?;
    let errors = report.items.len();
    let mut out = Vec::new();
    for row in rows {
        let Some(name) = citable_name(&sheet, row, spec.ten.value.trim(), report) else {
            continue;
        };
        let Some(da_dat) = whole_of(&sheet, row, spec.da_dat.value.trim(), report) else {
            continue;
        };
        let them = match &spec.them {
            Some(c) if row.get(c.value.trim()).is_some_and(|v| !v.text.is_empty()) => {
                match whole_of(&sheet, row, c.value.trim(), report) {
                    Some(v) => Some(v),
                    None => continue,
                }
            }
            _ => None,
        };
        out.push((name, da_dat, them));
    }
    (report.items.len() == errors).then_some((out, sheet.file.clone()))
}

/// The family's members: the rows the filter keeps, named by `ten_tep`, numbered from
/// `so_bat_dau`. A row with a bad cell is reported in `report` and has no member.
pub fn members(
    doc: &Path,
    source: &str,
    fam: &Family,
    sheet: &Sheet,
    report: &mut Report,
) -> Vec<Member> {
    let known =
        |b: &mut Report, at: &Text, column: &str| has_column(doc, source, sheet, at, column, b);
    // Columns the name pattern and the filter use, checked once against the header.
    let mut ok = true;
    for column in cited(&fam.ten_tep.value) {
        ok &= known(report, &fam.ten_tep, &column);
    }
    if let Some(f) = &fam.chi_khi {
        ok &= known(report, &f.cot, f.cot.value.trim());
        if f.bang.is_none() == f.chua.is_none() {
            report.push(err(
                doc,
                source,
                &f.cot,
                t!("`chi_khi` cần đúng một điều kiện: `bang` (bằng) hoặc `chua` (chứa)"),
            ));
            ok = false;
        }
    }
    for c in &fam.so {
        ok &= known(report, c, c.value.trim());
    }
    if !ok {
        return Vec::new();
    }

    let mut out: Vec<Member> = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut next = fam.so_bat_dau.as_ref().map(|s| s.value);
    for row in &sheet.rows {
        if !keeps(fam.chi_khi.as_ref(), row) {
            continue;
        }
        // Columns declared as numbers must hold numbers.
        let mut bad = false;
        for c in &fam.so {
            let column = c.value.trim();
            let cell = row.get(column).expect("column checked");
            if cell.number.is_none() && crate::numfmt::parse_vi(&cell.text).is_none() {
                report.push(not_a_number(sheet, row, column).with_hint(t!(
                    "ghi số không kèm chữ (12 chứ không phải 12 xã); bản của hàng này không được tạo"
                )));
                bad = true;
            }
        }
        let so = next;
        if let Some(n) = next.as_mut() {
            *n += 1;
        }
        if bad {
            continue;
        }
        let name = file_name(&fill(&fam.ten_tep.value, row));
        if name.is_empty() || !names.insert(name.clone()) {
            report.push(
                err(
                    doc,
                    source,
                    &fam.ten_tep,
                    t!(
                        "tên tệp `{name}` của hàng “{first}” trùng hoặc trống",
                        name = name,
                        first = row.first()
                    ),
                )
                .with_hint(t!(
                    "đưa vào `ten_tep` một cột khác nhau ở mỗi hàng, ví dụ mã hoặc tên"
                )),
            );
            continue;
        }
        // The number is part of what a member is made from: deleting a row renumbers the
        // rows after it, which are then rebuilt.
        let cells: Vec<(&String, &String)> = row.cells.iter().map(|(c, v)| (c, &v.text)).collect();
        let hash = format!("{:032x}", typst::utils::hash128(&(cells, so)));
        out.push(Member {
            name,
            row: row.clone(),
            so,
            hash,
        });
    }
    out
}

/// The columns a pattern cites as `{{hang.cot}}`.
fn cited(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(end) = after.find("}}") else { break };
        if let Some(c) = after[..end].trim().strip_prefix("hang.") {
            out.push(c.to_string());
        }
        rest = &after[end + 2..];
    }
    out
}

/// The pattern with the row's cells in place of `{{hang.cot}}`.
fn fill(pattern: &str, row: &Row) -> String {
    let mut out = pattern.to_string();
    for (c, v) in &row.cells {
        for form in [format!("{{{{hang.{c}}}}}"), format!("{{{{ hang.{c} }}}}")] {
            out = out.replace(&form, &v.text);
        }
    }
    out
}

/// A file name from a filled pattern: letters (Vietnamese kept), digits, `-`, `_` and `.`;
/// spaces and anything else become `-`.
pub fn file_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_matches(['-', '.']).to_string();
    // A row named `CON` or `NUL` would be written to a device on Windows: `CON_` instead.
    if crate::platform::reserved_on_windows(&out) {
        let at = out.find('.').unwrap_or(out.len());
        out.insert(at, '_');
    }
    out
}

/// What a row adds to the names prose may cite: texts, and figures of the number columns.
pub type Cited = (Vec<(String, String)>, Vec<(String, Decimal)>);

/// The names a member adds to the figures: every cell as text (`hang.ten_xa`) and the
/// number columns as figures (`hang.so_tieu_chi`, citable with `:chu`).
pub fn cite_names(fam: &Family, member: &Member) -> Cited {
    let texts = member
        .row
        .cells
        .iter()
        .map(|(c, v)| (format!("hang.{c}"), v.text.clone()))
        .collect();
    let numbers = fam
        .so
        .iter()
        .filter_map(|c| {
            let cell = member.row.get(c.value.trim())?;
            let n = cell
                .number
                .or_else(|| crate::numfmt::parse_vi(&cell.text))?;
            Some((format!("hang.{}", c.value.trim()), n))
        })
        .collect();
    (texts, numbers)
}

/// Reads every table of a document kept in a spreadsheet into its YAML model, as if typed
/// there: phụ lục matrices, funding lines, targets, averages and distribution groups. Returns
/// the files read (inputs of the document), or None after reporting what is wrong.
pub fn feed(
    path: &Path,
    loaded: &mut crate::load::Loaded,
    report: &mut Report,
) -> Option<Vec<PathBuf>> {
    use crate::model::{Amount, Quantity, Target};
    let source = loaded.source.clone();
    let doc = &mut loaded.doc;
    let mut files = Vec::new();
    for annex in doc.phu_luc.iter_mut() {
        if let Some(spec) = &annex.ma_tran_bang {
            let (groups, file) = matrix(path, &source, spec, report)?;
            annex.ma_tran.extend(groups);
            files.push(file);
        }
    }
    let figures = &mut doc.so_lieu;
    for funding in figures.nguon_von.values_mut() {
        if let Some(spec) = &funding.bang {
            let (lines, file) = self::funding(path, &source, spec, report)?;
            funding.dong.extend(lines);
            files.push(file);
        }
    }
    if let Some(spec) = &figures.chi_tieu_bang {
        let (rows, file) = targets(path, &source, spec, report)?;
        for (name, da_dat, them) in rows {
            let target = Target {
                da_dat: unknown(Quantity::Number(da_dat)),
                them: them.map(unknown),
                mau_so: spec.mau_so.clone(),
                chu_so: spec.chu_so,
                tong_ghi: None,
                ty_le_ghi: None,
            };
            figures.chi_tieu.insert(name, target);
        }
        files.push(file);
    }
    for average in figures.binh_quan.values_mut() {
        if let Some(spec) = &average.bang {
            let (values, file) = column(path, &source, spec, report)?;
            average
                .gia_tri
                .extend(values.into_iter().map(|v| unknown(Amount(v))));
            files.push(file);
        }
    }
    for distribution in figures.phan_bo.values_mut() {
        if let Some(spec) = &distribution.bang {
            let (groups, file) = self::groups(path, &source, spec, report)?;
            for (name, n) in groups {
                distribution.nhom.insert(name, unknown(Quantity::Number(n)));
            }
            files.push(file);
        }
    }
    Some(files)
}

/// Makes a family document one of its members: the one named (or the first, for `prepare`
/// of the family file as the tests and `check` of one file do), with its number and its row
/// cited as `{{hang.cot}}`. The bad rows are reported by the job named [`BAD_ROWS`] (or with
/// no name); only this member's own row stops it.
pub fn select(
    path: &Path,
    loaded: &mut crate::load::Loaded,
    member: Option<&str>,
    cache: &Cache,
    report: &mut Report,
) -> Option<()> {
    let fam = loaded.doc.ho.clone()?;
    let family = match cache.expanded(path, &loaded.source, &fam) {
        Ok(f) => f,
        Err(d) => {
            report.push(*d);
            return None;
        }
    };
    let found = match member {
        Some(name) => family.get(name),
        None => family.members.first(),
    };
    let Some(m) = found else {
        if member == Some(BAD_ROWS) || member.is_none() {
            report.items.extend(family.bad_rows.iter().cloned());
        }
        if !report.has_errors() {
            report.push(Diagnostic::error(
                path,
                None,
                t!("họ văn bản không còn bản này: hàng của nó đã đổi hoặc bị lọc bỏ"),
            ));
        }
        return None;
    };
    if let Some(n) = m.so {
        loaded.doc.so = Some(unknown(n));
    }
    (loaded.row_texts, loaded.row_numbers) = cite_names(&fam, m);
    Some(())
}

/// A family's table as read and filtered once: its members, found by name, and the
/// diagnostics of the rows that make none.
#[derive(Debug)]
pub struct Expanded {
    pub members: Vec<Member>,
    index: HashMap<String, usize>,
    pub bad_rows: Vec<Diagnostic>,
}

impl Expanded {
    pub fn get(&self, name: &str) -> Option<&Member> {
        self.index.get(name).map(|&i| &self.members[i])
    }
}

/// What a family's members are made from: its YAML text and its table file as they are now.
#[derive(Debug, Clone, PartialEq)]
struct Stamp {
    source: u128,
    table: Option<(PathBuf, u64, Option<SystemTime>)>,
}

/// The families of a build, or of a `watch`/`serve` session: each is read once while its YAML
/// and its table are unchanged, and every member's job takes its row from here. Reading and
/// filtering the whole sheet again in each member's job made a family's cost grow with the
/// square of its rows.
#[derive(Debug, Default)]
pub struct Cache {
    entries: Mutex<HashMap<PathBuf, (Stamp, Arc<Expanded>)>>,
    reads: std::sync::atomic::AtomicUsize,
}

impl Cache {
    /// How many times a family's table was read and filtered.
    pub fn reads(&self) -> usize {
        self.reads.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The family of the document at `doc`, read now or taken from an earlier job.
    pub fn expanded(
        &self,
        doc: &Path,
        source: &str,
        fam: &Family,
    ) -> Result<Arc<Expanded>, Box<Diagnostic>> {
        let stamp = Stamp {
            // The `ho` section may come from a shared file: its own value counts too.
            source: typst::utils::hash128(&(source, format!("{fam:?}"))),
            table: fam.bang.as_ref().map(|b| {
                let file = crate::load::reference(doc, &b.value);
                let meta = std::fs::metadata(&file).ok();
                let len = meta.as_ref().map_or(0, |m| m.len());
                let modified = meta.and_then(|m| m.modified().ok());
                (file, len, modified)
            }),
        };
        if let Some((s, e)) = self.entries.lock().expect("cache lock").get(doc) {
            if *s == stamp {
                return Ok(e.clone());
            }
        }
        // Read outside the lock: other families' jobs go on meanwhile.
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let sheet = read(doc, source, fam)?;
        let mut report = Report::default();
        let members = members(doc, source, fam, &sheet, &mut report);
        let index = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.clone(), i))
            .collect();
        let expanded = Arc::new(Expanded {
            members,
            index,
            bad_rows: report.items,
        });
        self.entries
            .lock()
            .expect("cache lock")
            .insert(doc.to_path_buf(), (stamp, expanded.clone()));
        Ok(expanded)
    }
}

/// Whether a YAML text is a family document: it has a top-level `ho:` key. A cheap look
/// before the full load, for the folder walk.
pub fn is_family(text: &str) -> bool {
    crate::load::without_bom(text)
        .lines()
        .any(|l| l.starts_with("ho:"))
}

/// For the folder walk: the members of a family document and whether some rows are bad (they
/// are reported by a job of their own, [`BAD_ROWS`]), or the diagnostics that stop it.
pub fn expand(path: &Path) -> Result<(Vec<Member>, bool, bool), Vec<Diagnostic>> {
    let loaded = crate::load::load(path)?;
    let Some(fam) = &loaded.doc.ho else {
        return Ok((Vec::new(), false, false));
    };
    let sheet = read(path, &loaded.source, fam).map_err(|d| vec![*d])?;
    let mut report = Report::default();
    let members = members(path, &loaded.source, fam, &sheet, &mut report);
    // Structural errors (a column that is not there) stop the whole family.
    if members.is_empty() && report.has_errors() {
        return Err(report.items);
    }
    Ok((members, report.has_errors(), fam.gop))
}

/// The member name of the job that reports a family's bad rows (never a file name:
/// [`file_name`] keeps no `!`).
pub const BAD_ROWS: &str = "!";

/// The member name of the job that writes a family's merged PDF (`gop`).
pub const MERGED: &str = "*";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_and_file_names() {
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(file_name("qd-Tân Thành/2019"), "qd-Tân-Thành-2019");
        assert_eq!(file_name("nul"), "nul_");
        assert_eq!(file_name("CON.2019"), "CON_.2019");
        assert_eq!(file_name("con-cuong"), "con-cuong");
        assert_eq!(serial_date(43647.0), "01/07/2019");
    }
}
