//! The lines of the forms, written by the tool from their fields: giấy mời (Mẫu 1.7), biên
//! bản (Mẫu 1.9), giấy giới thiệu (Mẫu 1.8), giấy nghỉ phép (Mẫu 1.10).

use super::dates::{clock, full_date, long_date, moment, short_date, weekday, Moment};
use super::text::{capitalise_first, end_clean, punctuate};
use super::{Block, Builder, IssueDate};
use crate::model::{Document, Introduction, Kind, Leave, Meeting, LEADER};
use crate::numfmt;

/// The fixed words of the forms (Mẫu 1.7–1.10), written here and read back by `vanban nhap`:
/// one home for each.
pub mod labels {
    pub const KINH_MOI: &str = "trân trọng kính mời:";
    pub const GIOI_THIEU: &str = "trân trọng giới thiệu:";
    pub const TOI_DU: &str = "Tới dự:";
    pub const THOI_GIAN: &str = "Thời gian:";
    pub const THOI_GIAN_BAT_DAU: &str = "Thời gian bắt đầu:";
    pub const DIA_DIEM: &str = "Địa điểm:";
    pub const THANH_PHAN: &str = "Thành phần tham dự:";
    pub const CHU_TRI: &str = "Chủ trì (chủ tọa):";
    pub const THU_KY: &str = "Thư ký (người ghi biên bản):";
    pub const NOI_DUNG: &str = "Nội dung:";
    pub const ONG_BA: &str = "Ông (bà):";
    pub const CHUC_VU: &str = "Chức vụ:";
    pub const CHUC_VU_DON_VI: &str = "Chức vụ, đơn vị công tác:";
    pub const CU_DEN: &str = "Được cử đến:";
    pub const VE_VIEC: &str = "Về việc:";
    pub const DE_NGHI: &str =
        "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ.";
    pub const GIA_TRI_DEN: &str = "Giấy này có giá trị đến hết ngày";
    pub const XET_DON: &str = "Xét Đơn đề nghị nghỉ phép ngày";
    pub const CAP_CHO: &str = "cấp cho:";
    pub const NGHI_PHEP: &str = "Được nghỉ phép trong thời gian:";
    /// The box on the left of a giấy nghỉ phép.
    pub const XAC_NHAN: &str =
        "Xác nhận của cơ quan, đơn vị hoặc chính quyền địa phương nơi nghỉ phép";
}
use labels::*;

/// The lines a form adds around the body.
#[derive(Default)]
pub(super) struct Forms {
    /// Lines of a form (giấy mời, biên bản, giấy giới thiệu, giấy nghỉ phép) before the body.
    pub(super) dong_dau: Vec<Block>,
    /// Lines after the body (the closing line of a biên bản).
    pub(super) dong_cuoi: Vec<Block>,
    /// The left block of a giấy nghỉ phép: the confirmation of the place of leave.
    pub(super) xac_nhan: Option<String>,
}

/// The lines of the form this document is, if it is one. The invitees of a giấy mời are taken
/// out of `kinh_gui`.
pub(super) fn lines(
    b: &mut Builder,
    doc: &Document,
    ten: Option<&str>,
    trich_yeu: &[String],
    date: &IssueDate,
    kinh_gui: &mut Vec<String>,
) -> Forms {
    let kind = doc.loai.value;
    let mut form = Forms::default();
    if let (Kind::GiayMoi, Some(m)) = (kind, &doc.cuoc_hop) {
        let who = agency_in_text(b, doc, ten, "giấy mời");
        giay_moi(b, doc, m, &who, trich_yeu, kinh_gui, &mut form.dong_dau);
    }
    if let (Kind::BienBan, Some(m)) = (kind, &doc.cuoc_hop) {
        bien_ban(b, m, &mut form);
    }
    if let (Kind::GiayGioiThieu, Some(g)) = (kind, &doc.gioi_thieu) {
        let who = agency_in_text(b, doc, ten, "giấy giới thiệu");
        giay_gioi_thieu(b, g, &who, date, &mut form.dong_dau);
    }
    if let (Kind::GiayNghiPhep, Some(l)) = (kind, &doc.nghi_phep) {
        giay_nghi_phep(b, l, &mut form.dong_dau);
        form.xac_nhan = Some(XAC_NHAN.to_string());
    }
    form
}

/// The agency as named in a sentence (`co_quan.ten`), which a giấy mời or giấy giới thiệu
/// cannot do without.
fn agency_in_text(b: &mut Builder, doc: &Document, ten: Option<&str>, what: &str) -> String {
    match ten {
        Some(t) => t.to_string(),
        None => {
            b.error(
                &doc.co_quan.viet_tat.referenced,
                crate::t!(
                    "{what} cần tên cơ quan viết trong câu (`co_quan.ten`)",
                    what = what
                ),
            )
            .hint = Some(crate::t!(
                "thêm `ten: Ủy ban nhân dân tỉnh …` vào `co_quan`"
            ));
            String::new()
        }
    }
}

/// Giấy mời: who invites whom, to what, when and where.
fn giay_moi(
    b: &mut Builder,
    doc: &Document,
    m: &Meeting,
    who: &str,
    trich_yeu: &[String],
    kinh_gui: &mut Vec<String>,
    dong_dau: &mut Vec<Block>,
) {
    let plain = Block::paragraph;
    // The invitees take the place of Kính gửi (Mẫu 1.7).
    let invitees = std::mem::take(kinh_gui);
    match invitees.as_slice() {
        [one] => dong_dau.push(plain(format!("{who} {KINH_MOI} {one}"))),
        _ => {
            dong_dau.push(plain(format!("{who} {KINH_MOI}")));
            dong_dau.extend(invitees.iter().map(|i| plain(format!("- {i}"))));
        }
    }
    if invitees.is_empty() {
        b.error(
            &doc.loai.referenced,
            crate::t!("giấy mời chưa ghi người được mời (`kinh_gui`)"),
        )
        .hint = Some(crate::t!(
            "thêm `kinh_gui: [Ông (bà) …]` hoặc danh sách các cơ quan được mời"
        ));
    }
    let toi_du = match &m.toi_du {
        Some(t) => b.text(t),
        None => trich_yeu.join(" "),
    };
    dong_dau.push(plain(format!("{TOI_DU} {}.", end_clean(&toi_du))));
    if b.blank(&m.bat_dau) {
        dong_dau.push(plain(format!("{THOI_GIAN} {LEADER}.")));
    } else if let Some(start) = moment(b, &m.bat_dau, None) {
        let end = m
            .ket_thuc
            .as_ref()
            .and_then(|e| moment(b, e, Some(start.date)));
        let time = match end {
            Some(e) if e.date == start.date => format!(
                "{THOI_GIAN} từ {} đến {}, {}, {}.",
                clock(start.time),
                clock(e.time),
                weekday(start.date),
                long_date(start.date)
            ),
            _ => format!(
                "{THOI_GIAN} {}, {}, {}.",
                clock(start.time),
                weekday(start.date),
                long_date(start.date)
            ),
        };
        dong_dau.push(plain(time));
    }
    let place = b.text(&m.dia_diem);
    dong_dau.push(plain(format!("Địa điểm: {}.", end_clean(&place))));
}

/// Biên bản: time, place, who attended, chaired and took the minutes; then, after the body,
/// when the meeting ended.
fn bien_ban(b: &mut Builder, m: &Meeting, form: &mut Forms) {
    let plain = Block::paragraph;
    let dong_dau = &mut form.dong_dau;
    let blank_start = b.blank(&m.bat_dau);
    let start = (!blank_start)
        .then(|| moment(b, &m.bat_dau, None))
        .flatten();
    if blank_start {
        dong_dau.push(plain(format!("{THOI_GIAN_BAT_DAU} {LEADER}.")));
    }
    if let Some(start) = start {
        dong_dau.push(plain(format!(
            "{THOI_GIAN_BAT_DAU} {}, {}.",
            clock(start.time),
            long_date(start.date)
        )));
    }
    let place = b.text(&m.dia_diem);
    dong_dau.push(plain(format!("Địa điểm: {}.", end_clean(&place))));
    let members: Vec<String> = m.thanh_phan.iter().map(|t| b.text(t)).collect();
    match members.as_slice() {
        [] => {}
        [one] => dong_dau.push(plain(format!("{THANH_PHAN} {}.", end_clean(one)))),
        many => {
            dong_dau.push(plain(THANH_PHAN.into()));
            for l in punctuate(many, ".") {
                dong_dau.push(plain(format!("- {l}")));
            }
        }
    }
    if let Some(c) = &m.chu_tri {
        let c = b.text(c);
        dong_dau.push(plain(format!("{CHU_TRI} {}.", end_clean(&c))));
    }
    if let Some(c) = &m.thu_ky {
        let c = b.text(c);
        dong_dau.push(plain(format!("{THU_KY} {}.", end_clean(&c))));
    }
    dong_dau.push(plain(NOI_DUNG.into()));
    bien_ban_end(b, m, start, &mut form.dong_cuoi);
}

/// The closing line of a biên bản: when the meeting ended, and that the minutes were read out.
fn bien_ban_end(b: &mut Builder, m: &Meeting, start: Option<Moment>, dong_cuoi: &mut Vec<Block>) {
    let plain = Block::paragraph;
    let event = m
        .hinh_thuc
        .as_ref()
        .map(|h| capitalise_first(&b.text(h).to_lowercase()))
        .unwrap_or_else(|| "Cuộc họp".into());
    match (&m.ket_thuc, start) {
        (Some(e), _) if b.blank(e) => {
            dong_cuoi.push(plain(format!(
                "{event} kết thúc vào {LEADER}; biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thông qua./."
            )));
        }
        (Some(e), Some(start)) => {
            if let Some(end) = moment(b, e, Some(start.date)) {
                if (end.date, end.time) <= (start.date, start.time) {
                    b.error(
                        &e.referenced,
                        crate::t!("giờ kết thúc không sau giờ bắt đầu"),
                    )
                    .hint = Some(crate::t!(
                        "kiểm tra lại giờ, ngày của `bat_dau` và `ket_thuc`"
                    ));
                }
                let when = if end.date == start.date {
                    "cùng ngày".to_string()
                } else {
                    long_date(end.date)
                };
                dong_cuoi.push(plain(format!(
                    "{event} kết thúc vào {}, {when}; biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thông qua./.",
                    clock(end.time)
                )));
            }
        }
        (None, _) => {
            b.error(
                &m.bat_dau.referenced,
                crate::t!("biên bản cần giờ kết thúc (`ket_thuc`)"),
            )
            .hint = Some(crate::t!(
                "thêm `ket_thuc: \"11:30\"` (cùng ngày) hoặc `\"11:30 16/06/2020\"`"
            ));
        }
        _ => {}
    }
}

/// Giấy giới thiệu: whom, sent where, about what, valid until when.
fn giay_gioi_thieu(
    b: &mut Builder,
    g: &Introduction,
    who: &str,
    date: &IssueDate,
    dong_dau: &mut Vec<Block>,
) {
    let plain = Block::paragraph;
    dong_dau.push(plain(format!("{who} {GIOI_THIEU}")));
    let ho_ten = b.text(&g.ho_ten);
    dong_dau.push(plain(format!("{ONG_BA} {ho_ten}")));
    let chuc_vu = b.text(&g.chuc_vu);
    dong_dau.push(plain(format!("{CHUC_VU} {chuc_vu}")));
    let cu_den = b.text(&g.cu_den);
    dong_dau.push(plain(format!("{CU_DEN} {cu_den}")));
    let ve_viec = b.text(&g.ve_viec);
    dong_dau.push(plain(format!("{VE_VIEC} {}.", end_clean(&ve_viec))));
    dong_dau.push(plain(DE_NGHI.into()));
    if b.blank(&g.gia_tri_den) {
        dong_dau.push(plain(format!("{GIA_TRI_DEN} {LEADER}./.")));
    } else if let Some(until) = full_date(b, &g.gia_tri_den) {
        if let (Some(d), Some(m)) = (date.day, date.month) {
            let issued = date
                .year
                .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d));
            if issued.is_some_and(|issued| until < issued) {
                b.error(
                    &g.gia_tri_den.referenced,
                    crate::t!("giấy hết giá trị trước ngày ban hành"),
                )
                .hint = Some(crate::t!("ghi ngày hết giá trị sau `ngay` của giấy"));
            }
        }
        dong_dau.push(plain(format!("{GIA_TRI_DEN} {}./.", short_date(until))));
    }
}

/// Giấy nghỉ phép: whose request, who grants it, to whom, from when to when, where.
fn giay_nghi_phep(b: &mut Builder, l: &Leave, dong_dau: &mut Vec<Block>) {
    let plain = Block::paragraph;
    let ho_ten = b.text(&l.ho_ten);
    if let Some(d) = l.ngay_don.as_ref().and_then(|d| full_date(b, d)) {
        dong_dau.push(plain(format!(
            "{XET_DON} {} của ông (bà) {ho_ten},",
            short_date(d)
        )));
    }
    let cap = b.text(&l.nguoi_cap);
    dong_dau.push(plain(format!("{} {CAP_CHO}", end_clean(&cap))));
    dong_dau.push(plain(format!("{ONG_BA} {ho_ten}")));
    let chuc_vu = b.text(&l.chuc_vu);
    dong_dau.push(plain(format!("{CHUC_VU_DON_VI} {chuc_vu}")));
    let place = b.text(&l.noi_nghi);
    let (blank_from, blank_to) = (b.blank(&l.tu_ngay), b.blank(&l.den_ngay));
    if blank_from || blank_to {
        let day = |b: &mut Builder, blank: bool, t| match blank {
            true => Some(LEADER.to_string()),
            false => full_date(b, t).map(short_date),
        };
        if let (Some(from), Some(to)) = (
            day(b, blank_from, &l.tu_ngay),
            day(b, blank_to, &l.den_ngay),
        ) {
            dong_dau.push(plain(format!(
                "{NGHI_PHEP} {LEADER} ngày, kể từ ngày {from} đến hết ngày {to} tại {}./.",
                end_clean(&place)
            )));
        }
    } else if let (Some(from), Some(to)) = (full_date(b, &l.tu_ngay), full_date(b, &l.den_ngay)) {
        let days = (to - from).num_days() + 1;
        if days < 1 {
            b.error(
                &l.den_ngay.referenced,
                crate::t!("ngày nghỉ cuối trước ngày nghỉ đầu"),
            )
            .hint = Some(crate::t!("kiểm tra `tu_ngay` và `den_ngay`"));
        } else {
            dong_dau.push(plain(format!(
                "{NGHI_PHEP} {} ngày, kể từ ngày {} đến hết ngày {} tại {}./.",
                numfmt::count(days),
                short_date(from),
                short_date(to),
                end_clean(&place)
            )));
        }
    }
}
