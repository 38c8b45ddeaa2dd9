//! The lines of the forms (Mẫu 1.7–1.10) and the closing line of a biên bản; the inverse of
//! `context/forms.rs`.

use super::*;

/// The lines of Mẫu 1.7–1.10 that the context writes from fields: giấy mời, biên bản,
/// giấy giới thiệu, giấy nghỉ phép, and the thẩm quyền line of a công điện.
pub(super) fn forms(c: &mut Cursor, d: &mut Draft) {
    let Some(kind) = d.kind else { return };
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    // A công điện has no form, only its `… điện:` line (handled first below).
    let section = match kind.form() {
        Some(form) => form,
        None if kind == Kind::CongDien => "",
        None => return,
    };
    while let Some(t) = c.peek_text() {
        let t = t.trim_matches('*').trim().to_string();
        let mut take = true;
        let before = fields.len();
        if kind == Kind::CongDien {
            match t.strip_suffix(" điện:") {
                Some(who) => {
                    d.tham_quyen = Some(who.trim().to_string());
                    c.i += 1;
                    while let Some(item) = c.peek_text() {
                        let item = item.trim();
                        let Some(rest) = item.strip_prefix("- ").or(item.strip_prefix("– "))
                        else {
                            break;
                        };
                        d.kinh_gui
                            .push(rest.trim_end_matches([';', '.']).trim().to_string());
                        c.i += 1;
                    }
                    return;
                }
                None => return,
            }
        }
        let lead = match kind {
            Kind::GiayMoi => t.strip_suffix(" trân trọng kính mời:"),
            Kind::GiayGioiThieu => t.strip_suffix(" trân trọng giới thiệu:"),
            _ => None,
        };
        if let Some(who) = lead {
            d.ten = Some(who.to_string());
            c.i += 1;
            while let Some(item) = c.peek_text() {
                let Some(rest) = item.trim().strip_prefix("- ") else {
                    break;
                };
                d.kinh_gui
                    .push(rest.trim_end_matches([';', '.']).trim().to_string());
                c.i += 1;
            }
            continue;
        } else if let Some((who, one)) = t
            .split_once(" trân trọng kính mời: ")
            .filter(|_| kind == Kind::GiayMoi)
        {
            d.ten = Some(who.to_string());
            d.kinh_gui.push(strip_end(one));
        } else if let Some(v) = t.strip_prefix("Tới dự: ") {
            fields.push(("toi_du", strip_end(v)));
        } else if let Some(v) = t.strip_prefix("Thời gian bắt đầu: ") {
            let (time, date) = v.split_once(", ").unwrap_or((v, ""));
            if let (Some(time), Some(date)) = (clock(time), full_date(date)) {
                fields.push(("bat_dau", format!("{time} {date}")));
            }
        } else if let Some(v) = t.strip_prefix("Thời gian: ") {
            // `từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 16 tháng 7 năm 2019.`
            let parts: Vec<&str> = v.split(", ").collect();
            let date = parts.last().and_then(|p| full_date(p));
            let (start, end) = match parts[0].strip_prefix("từ ") {
                Some(r) => match r.split_once(" đến ") {
                    Some((a, b)) => (clock(a), clock(b)),
                    None => (clock(r), None),
                },
                None => (clock(parts[0]), None),
            };
            match (start, date) {
                (Some(st), Some(date)) => {
                    fields.push(("bat_dau", format!("{st} {date}")));
                    if let Some(e) = end {
                        fields.push(("ket_thuc", e));
                    }
                }
                _ => take = false,
            }
        } else if let Some(v) = t.strip_prefix("Địa điểm: ") {
            fields.push(("dia_diem", strip_end(v)));
        } else if let Some(v) = t
            .strip_prefix("Thành phần tham dự:")
            .filter(|_| kind == Kind::BienBan)
        {
            let v = v.trim();
            if v.is_empty() {
                c.i += 1;
                while let Some(item) = c.peek_text() {
                    let Some(rest) = item.trim().strip_prefix("- ") else {
                        break;
                    };
                    d.thanh_phan
                        .push(rest.trim_end_matches([';', '.']).trim().to_string());
                    c.i += 1;
                }
                continue;
            }
            d.thanh_phan.push(strip_end(v));
        } else if let Some(v) = t.strip_prefix("Chủ trì (chủ tọa): ") {
            fields.push(("chu_tri", strip_end(v)));
        } else if let Some(v) = t.strip_prefix("Thư ký (người ghi biên bản): ") {
            fields.push(("thu_ky", strip_end(v)));
        } else if t == "Nội dung:" && kind == Kind::BienBan {
            c.i += 1;
            break;
        } else if let Some(v) = t.strip_prefix("Ông (bà): ") {
            fields.push(("ho_ten", v.trim().to_string()));
        } else if let Some(v) = t
            .strip_prefix("Chức vụ, đơn vị công tác: ")
            .or_else(|| t.strip_prefix("Chức vụ: "))
        {
            fields.push(("chuc_vu", v.trim().to_string()));
        } else if let Some(v) = t.strip_prefix("Được cử đến: ") {
            fields.push(("cu_den", v.trim().to_string()));
        } else if let Some(v) = t.strip_prefix("Về việc: ") {
            fields.push(("ve_viec", strip_end(v)));
        } else if t
            == "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."
        {
        } else if let Some(v) = t.strip_prefix("Giấy này có giá trị đến hết ngày ") {
            match full_date(&strip_end(v)) {
                Some(date) => fields.push(("gia_tri_den", date)),
                None => take = false,
            }
        } else if let Some(v) = t.strip_prefix("Xét Đơn đề nghị nghỉ phép ngày ") {
            match v.split_once(" của ").and_then(|(date, _)| full_date(date)) {
                Some(date) => fields.push(("ngay_don", date)),
                None => take = false,
            }
            // A text extraction may have joined the next line, `… cấp cho:`.
            if let Some((_, rest)) = v.split_once(", ") {
                if let Some(who) = rest.strip_suffix(" cấp cho:") {
                    fields.push(("nguoi_cap", who.trim().to_string()));
                }
            }
        } else if let Some(v) = t.strip_suffix(" cấp cho:") {
            fields.push(("nguoi_cap", v.trim().to_string()));
        } else if let Some(v) = t.strip_prefix("Được nghỉ phép trong thời gian: ") {
            // `12 ngày, kể từ ngày 08/7/2019 đến hết ngày 19/7/2019 tại …./.`
            let from = v.split_once("kể từ ngày ").map(|x| x.1);
            let parsed = from.and_then(|f| {
                let (a, rest) = f.split_once(" đến hết ngày ")?;
                let (b, place) = rest.split_once(" tại ")?;
                Some((full_date(a)?, full_date(b)?, strip_end(place)))
            });
            match parsed {
                Some((a, b, place)) => {
                    fields.push(("tu_ngay", a));
                    fields.push(("den_ngay", b));
                    fields.push(("noi_nghi", place));
                }
                None => take = false,
            }
        } else {
            take = false;
        }
        // A label of another form is not this form's: it stays in the body.
        let allowed: &[&str] = match kind {
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
        };
        if fields[before..].iter().any(|(k, _)| !allowed.contains(k))
            || fields[before..]
                .iter()
                .any(|(k, _)| fields[..before].iter().any(|(o, _)| o == k))
        {
            fields.truncate(before);
            take = false;
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
