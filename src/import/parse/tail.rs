//! The signature (ô 7) and Nơi nhận, Lưu (ô 9b); the inverse of `context/signer.rs` and
//! `context/recipients.rs`.

use super::*;

/// Nơi nhận, Lưu, and the signature: quyền hạn, chức vụ, họ tên.
pub(super) fn tail(c: &mut Cursor, d: &mut Draft) {
    let mut in_list = false;
    // Chức vụ lines and names in the order they come: side by side (a biên bản's thư ký and
    // chủ tọa) a text extraction gives both titles, then both names.
    let mut titles: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    while let Some(p) = c.peek() {
        let at = p.at();
        if let P::Signers(s) = p {
            let parties = s.parties.iter().map(|p| Party::of(p)).collect();
            signers(d, parties);
            c.i += 1;
            continue;
        }
        let P::Line(l) = p else { break };
        let t = l.plain().trim().to_string();
        let bare = t.trim_matches('*').trim().to_string();
        if is_annex_start(&bare)
            || (title_kind(&bare).is_some()
                && (!names.is_empty() || !d.quyen_han.is_empty() && !titles.is_empty()))
        {
            break;
        }
        c.i += 1;
        // The header again, before an attached document; the fixed box of a giấy nghỉ phép.
        if find_ci(&bare, "CỘNG HÒA XÃ HỘI").is_some()
            || find_ci(&bare, "CỘNG HOÀ XÃ HỘI").is_some()
            || bare.starts_with("Độc lập")
            || d.ban_hanh.contains(&bare)
            || d.chu_quan.contains(&bare)
            || bare == NGHI_PHEP_BOX
        {
            continue;
        }
        // The signature is whole (each title has its name): an annex headed by what it is
        // (`DANH SÁCH …`) begins after it; it is not a further title of the signer.
        if !names.is_empty() && names.len() >= titles.len() && is_list_heading(&bare) {
            c.i -= 1;
            break;
        }
        if is_noi_nhan(&bare) {
            d.header_seen += 1;
            in_list = true;
            let rest = bare
                .split_once(':')
                .map(|(_, r)| r.trim().trim_matches('*').trim())
                .unwrap_or("");
            if !rest.is_empty() {
                list_item(rest, d);
            }
            continue;
        }
        if in_list && (bare.starts_with('-') || bare.starts_with('–')) {
            list_item(bare.trim_start_matches(['-', '–']).trim(), d);
            continue;
        }
        // A recipient wrapped onto a paragraph of its own: `- Các bộ, cơ quan ngang bộ,` /
        // `cơ quan thuộc Chính phủ;`.
        let wrapped = bare.starts_with(char::is_lowercase) && d.luu.is_empty();
        if let (true, true, Some(last)) = (in_list, wrapped, d.noi_nhan.last_mut()) {
            last.push(' ');
            last.push_str(bare.trim_end_matches([';', '.']).trim());
            continue;
        }
        if bare.starts_with("Lưu") {
            list_item(&bare, d);
            continue;
        }
        if is_signer_cue(&bare) {
            d.quyen_han.push(spaced_prefix(&bare));
            continue;
        }
        if is_upper(&bare) && titles.len() < 2 {
            titles.push(bare);
            continue;
        }
        if is_name(&bare) && names.len() < 2 && (!titles.is_empty() || !d.quyen_han.is_empty()) {
            names.push(bare);
            continue;
        }
        d.unrecognised.push(Note {
            at,
            text: format!("“{}”: không rõ thuộc phần nào, bỏ qua", short(&bare)),
        });
    }
    // A table of signatures has set the signers already.
    if d.chuc_vu.is_none() {
        lone_signer(d, titles, names);
    }
    for item in &mut d.noi_nhan {
        let end = item.trim_end_matches([',', ' ']).len();
        item.truncate(end);
    }
}

/// The signer from the titles and names read one line at a time: `KT. CHỦ TỊCH` with no
/// second line has the quyền hạn's own title as chức vụ; two titles and two names side by
/// side are the co-signer (the thư ký of a biên bản) and the signer.
fn lone_signer(d: &mut Draft, mut titles: Vec<String>, mut names: Vec<String>) {
    if titles.is_empty() {
        if let Some(q) = d.quyen_han.pop() {
            let title = q.split_once('.').map(|(_, r)| r.trim()).unwrap_or(&q);
            titles.push(title.to_string());
        }
    }
    if titles.len() == 2 && names.len() == 2 {
        d.dong_ky = Some(Party {
            quyen_han: Vec::new(),
            chuc_vu: titles.remove(0),
            ho_ten: names.remove(0),
        });
    } else if titles.len() == 2 {
        // A chức vụ on two lines.
        titles = vec![titles.join(" ")];
    }
    d.chuc_vu = titles.pop();
    d.ho_ten = names.pop();
}

/// The parties of a table of signatures: the last is the signer (`nguoi_ky`), the one before
/// it the co-signer on its left (`dong_ky`), the others `cac_ben`, printed above them.
pub(super) fn signers(d: &mut Draft, mut parties: Vec<Party>) {
    let Some(last) = parties.pop() else { return };
    d.quyen_han = last.quyen_han;
    d.chuc_vu = Some(last.chuc_vu).filter(|c| !c.is_empty());
    d.ho_ten = Some(last.ho_ten);
    d.dong_ky = parties.pop();
    d.cac_ben = parties;
}

pub(super) fn list_item(item: &str, d: &mut Draft) {
    let item = item.trim();
    if let Some(rest) = item.strip_prefix("Lưu") {
        let rest = rest
            .trim_start_matches([':', ' '])
            .trim()
            .trim_end_matches('.');
        let mut parts: Vec<String> = rest.split(',').map(|s| s.trim().to_string()).collect();
        // `…, NVB.(45)`: the drafter's initials and the number of copies.
        if let Some(last) = parts.last().cloned() {
            if let Some((who, n)) = last.split_once(".(") {
                if let Ok(n) = n.trim_end_matches(')').parse::<u32>() {
                    d.so_ban = Some(n);
                    d.nguoi_soan = Some(who.trim().to_string());
                    parts.pop();
                }
            }
        }
        d.luu.extend(parts.into_iter().filter(|s| !s.is_empty()));
        return;
    }
    // A trailing comma says the item goes on in the next paragraph; it is taken off at the end.
    let item = item.trim_end_matches([';', '.']).trim();
    if !item.is_empty() {
        d.noi_nhan.push(item.to_string());
    }
}
