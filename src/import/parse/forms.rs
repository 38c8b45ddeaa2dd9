//! The lines of the forms (Mẫu 1.7–1.10) and the closing line of a biên bản; the inverse of
//! `context/forms.rs`.

use super::*;
use crate::context::labels as L;

/// The lines of Mẫu 1.7–1.10 that the context writes from fields: giấy mời, biên bản,
/// giấy giới thiệu, giấy nghỉ phép, and the thẩm quyền line of a công điện. Each label is
/// the context's own (`context::labels`).
pub(super) fn forms(c: &mut Cursor, d: &mut Draft) {
    let Some(kind) = d.kind else { return };
    if kind == Kind::CongDien {
        cong_dien(c, d);
        return;
    }
    let Some(section) = kind.form() else { return };
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    while let Some(t) = c.peek_text() {
        let t = t.trim_matches('*').trim().to_string();
        match lead(kind, &t, c, d) {
            Some(true) => continue,
            Some(false) => break,
            None => {}
        }
        let before = fields.len();
        let take = meeting_line(kind, &t, &mut fields, d)
            .or_else(|| introduction_line(&t, &mut fields))
            .or_else(|| leave_line(&t, &mut fields))
            .unwrap_or(false);
        // A label of another form is not this form's, nor one said twice: it stays in the body.
        let own = form_keys(kind);
        let new = &fields[before..];
        if new.iter().any(|(k, _)| !own.contains(k))
            || new
                .iter()
                .any(|(k, _)| fields[..before].iter().any(|(o, _)| o == k))
        {
            fields.truncate(before);
            break;
        }
        if !take {
            break;
        }
        c.i += 1;
    }
    if !fields.is_empty() || !d.thanh_phan.is_empty() {
        d.forms.push((section, fields));
    }
}

/// The fields each form's lines may give (`ket_thuc` and `hinh_thuc` of a biên bản come
/// from its closing line).
fn form_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::GiayMoi => &["toi_du", "bat_dau", "ket_thuc", "dia_diem"],
        Kind::BienBan => &["bat_dau", "dia_diem", "chu_tri", "thu_ky"],
        Kind::GiayGioiThieu => &["ho_ten", "chuc_vu", "cu_den", "ve_viec", "gia_tri_den"],
        _ => &[
            "ngay_don",
            "nguoi_cap",
            "ho_ten",
            "chuc_vu",
            "tu_ngay",
            "den_ngay",
            "noi_nghi",
        ],
    }
}

/// `label value` → value, for a label written `Label:` followed by a space.
fn after<'t>(t: &'t str, label: &str) -> Option<&'t str> {
    t.strip_prefix(label)?.strip_prefix(' ')
}

/// The `- …` lines that follow a lead line, each without its dash and end punctuation.
fn dash_list(c: &mut Cursor) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(item) = c.peek_text() {
        let item = item.trim();
        let Some(rest) = item.strip_prefix("- ").or(item.strip_prefix("– ")) else {
            break;
        };
        out.push(rest.trim_end_matches([';', '.']).trim().to_string());
        c.i += 1;
    }
    out
}

/// A công điện has no form, only its `… điện:` line and the list of its recipients.
fn cong_dien(c: &mut Cursor, d: &mut Draft) {
    let Some(t) = c.peek_text() else { return };
    let t = t.trim_matches('*').trim().to_string();
    if let Some(who) = t.strip_suffix(" điện:") {
        d.tham_quyen = Some(who.trim().to_string());
        c.i += 1;
        d.kinh_gui.extend(dash_list(c));
    }
}

/// A lead line with the list under it (`… trân trọng kính mời:`, `Thành phần tham dự:`), or
/// the `Nội dung:` that ends a biên bản's form: `Some(true)` to go on, `Some(false)` to stop.
fn lead(kind: Kind, t: &str, c: &mut Cursor, d: &mut Draft) -> Option<bool> {
    let who = match kind {
        Kind::GiayMoi => t.strip_suffix(&format!(" {}", L::KINH_MOI)),
        Kind::GiayGioiThieu => t.strip_suffix(&format!(" {}", L::GIOI_THIEU)),
        _ => None,
    };
    if let Some(who) = who {
        d.ten = Some(who.to_string());
        c.i += 1;
        d.kinh_gui.extend(dash_list(c));
        return Some(true);
    }
    if kind != Kind::BienBan {
        return None;
    }
    if t == L::THANH_PHAN {
        c.i += 1;
        d.thanh_phan.extend(dash_list(c));
        return Some(true);
    }
    if t == L::NOI_DUNG {
        c.i += 1;
        return Some(false);
    }
    None
}

/// A line of a giấy mời or biên bản (Mẫu 1.7, 1.9): `Some(taken)` when it is one.
fn meeting_line(
    kind: Kind,
    t: &str,
    fields: &mut Vec<(&'static str, String)>,
    d: &mut Draft,
) -> Option<bool> {
    let one_invitee = t
        .split_once(&format!(" {} ", L::KINH_MOI))
        .filter(|_| kind == Kind::GiayMoi);
    if let Some((who, one)) = one_invitee {
        d.ten = Some(who.to_string());
        d.kinh_gui.push(strip_end(one));
    } else if let Some(v) = after(t, L::TOI_DU) {
        fields.push(("toi_du", strip_end(v)));
    } else if let Some(v) = after(t, L::THOI_GIAN_BAT_DAU) {
        let (time, date) = v.split_once(", ").unwrap_or((v, ""));
        if let (Some(time), Some(date)) = (clock(time), full_date(date)) {
            fields.push(("bat_dau", format!("{time} {date}")));
        }
    } else if let Some(v) = after(t, L::THOI_GIAN) {
        return Some(meeting_time(v, fields));
    } else if let Some(v) = after(t, L::DIA_DIEM) {
        fields.push(("dia_diem", strip_end(v)));
    } else if let Some(v) = after(t, L::THANH_PHAN).filter(|_| kind == Kind::BienBan) {
        d.thanh_phan.push(strip_end(v));
    } else if let Some(v) = after(t, L::CHU_TRI) {
        fields.push(("chu_tri", strip_end(v)));
    } else if let Some(v) = after(t, L::THU_KY) {
        fields.push(("thu_ky", strip_end(v)));
    } else {
        return None;
    }
    Some(true)
}

/// `từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 16 tháng 7 năm 2019.` → `bat_dau`
/// and `ket_thuc`; false when it cannot be read back.
fn meeting_time(v: &str, fields: &mut Vec<(&'static str, String)>) -> bool {
    let parts: Vec<&str> = v.split(", ").collect();
    let date = parts.last().and_then(|p| full_date(p));
    let (start, end) = match parts[0].strip_prefix("từ ") {
        Some(r) => match r.split_once(" đến ") {
            Some((a, b)) => (clock(a), clock(b)),
            None => (clock(r), None),
        },
        None => (clock(parts[0]), None),
    };
    let (Some(st), Some(date)) = (start, date) else {
        return false;
    };
    fields.push(("bat_dau", format!("{st} {date}")));
    if let Some(e) = end {
        fields.push(("ket_thuc", e));
    }
    true
}

/// A line of a giấy giới thiệu (Mẫu 1.8): `Some(taken)` when it is one.
fn introduction_line(t: &str, fields: &mut Vec<(&'static str, String)>) -> Option<bool> {
    if let Some(v) = after(t, L::ONG_BA) {
        fields.push(("ho_ten", v.trim().to_string()));
    } else if let Some(v) = after(t, L::CHUC_VU_DON_VI).or_else(|| after(t, L::CHUC_VU)) {
        fields.push(("chuc_vu", v.trim().to_string()));
    } else if let Some(v) = after(t, L::CU_DEN) {
        fields.push(("cu_den", v.trim().to_string()));
    } else if let Some(v) = after(t, L::VE_VIEC) {
        fields.push(("ve_viec", strip_end(v)));
    } else if t == L::DE_NGHI {
    } else if let Some(v) = after(t, L::GIA_TRI_DEN) {
        let Some(date) = full_date(&strip_end(v)) else {
            return Some(false);
        };
        fields.push(("gia_tri_den", date));
    } else {
        return None;
    }
    Some(true)
}

/// A line of a giấy nghỉ phép (Mẫu 1.10): `Some(taken)` when it is one.
fn leave_line(t: &str, fields: &mut Vec<(&'static str, String)>) -> Option<bool> {
    let cap_cho = format!(" {}", L::CAP_CHO);
    if let Some(v) = after(t, L::XET_DON) {
        let date = v.split_once(" của ").and_then(|(date, _)| full_date(date));
        if let Some(date) = &date {
            fields.push(("ngay_don", date.clone()));
        }
        // A text extraction may have joined the next line, `… cấp cho:`.
        if let Some((_, rest)) = v.split_once(", ") {
            if let Some(who) = rest.strip_suffix(&cap_cho) {
                fields.push(("nguoi_cap", who.trim().to_string()));
            }
        }
        return Some(date.is_some());
    }
    if let Some(v) = t.strip_suffix(&cap_cho) {
        fields.push(("nguoi_cap", v.trim().to_string()));
        return Some(true);
    }
    let v = after(t, L::NGHI_PHEP)?;
    // `12 ngày, kể từ ngày 08/7/2019 đến hết ngày 19/7/2019 tại …./.`
    let from = v.split_once("kể từ ngày ").map(|x| x.1);
    let parsed = from.and_then(|f| {
        let (a, rest) = f.split_once(" đến hết ngày ")?;
        let (b, place) = rest.split_once(" tại ")?;
        Some((full_date(a)?, full_date(b)?, strip_end(place)))
    });
    let Some((a, b, place)) = parsed else {
        return Some(false);
    };
    fields.push(("tu_ngay", a));
    fields.push(("den_ngay", b));
    fields.push(("noi_nghi", place));
    Some(true)
}

/// The closing line of a biên bản, which the context writes from `ket_thuc` and `hinh_thuc`.
pub(super) fn closing_of_minutes(d: &mut Draft) {
    // The last paragraph of the body, however deep it sits.
    let mut list = &mut d.body;
    while list.last().is_some_and(|n| !n.children.is_empty()) {
        list = &mut list.last_mut().unwrap().children;
    }
    let Some(last) = list.last() else { return };
    let text = last.text.clone();
    let Some((event, rest)) = text.split_once(" kết thúc vào ") else {
        return;
    };
    if !rest.contains("biên bản đã được đọc lại") {
        return;
    }
    let (time, rest) = rest.split_once(", ").unwrap_or((rest, ""));
    let when = rest.split(';').next().unwrap_or("");
    let Some(time) = clock(time) else { return };
    let end = if when.trim() == "cùng ngày" {
        time
    } else {
        match full_date(when) {
            Some(date) => format!("{time} {date}"),
            None => return,
        }
    };
    list.pop();
    let section = d.forms.iter_mut().find(|(k, _)| *k == "cuoc_hop");
    let fields = match section {
        Some((_, f)) => f,
        None => {
            d.forms.push(("cuoc_hop", Vec::new()));
            &mut d.forms.last_mut().unwrap().1
        }
    };
    fields.push(("ket_thuc", end));
    if event != "Cuộc họp" {
        fields.insert(0, ("hinh_thuc", event.to_string()));
    }
}
