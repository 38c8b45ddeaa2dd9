//! The embedded font set. Output never depends on the fonts of the machine: only these four
//! files are offered to Typst.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Liberation Serif 2.1: metric-compatible with Times New Roman and complete for Vietnamese
/// (SIL Open Font License, see `fonts/LICENSE-OFL.txt`).
const FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// A hash of the embedded font files: a different font changes every PDF.
pub fn fingerprint() -> u128 {
    typst::utils::hash128(&FILES)
}

/// Family name used by the Typst style module.
pub const FAMILY: &str = "Liberation Serif";

/// Fonts loaded once and shared by every document of a run.
pub struct Fonts {
    pub fonts: Vec<Font>,
    pub book: LazyHash<FontBook>,
    /// [`Fonts::covers`] for U+0000..U+2000 (Latin, Vietnamese, punctuation), one bit per
    /// character: every character of every text is checked, and asking four coverage tables
    /// each time was 1.6 % of a batch's work.
    common: Vec<u64>,
}

const COMMON_END: u32 = 0x2000;

impl Fonts {
    pub fn embedded() -> Fonts {
        let fonts: Vec<Font> = FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let mut common = vec![0u64; COMMON_END as usize / 64];
        for code in 0..COMMON_END {
            if in_every_style(&fonts, code) {
                common[code as usize / 64] |= 1 << (code % 64);
            }
        }
        Fonts {
            fonts,
            book,
            common,
        }
    }

    /// Whether every style of the family has a glyph for `c`, so that nothing the clerk typed
    /// is silently dropped or replaced by a box.
    pub fn covers(&self, c: char) -> bool {
        let code = c as u32;
        if code < COMMON_END {
            return self.common[code as usize / 64] & (1 << (code % 64)) != 0;
        }
        in_every_style(&self.fonts, code)
    }
}

/// The width in points of one line of `text` set in the family at `size` points, shaped as
/// Typst shapes it (kerning included). Renderers that cannot ask Typst to `measure` (the
/// .docx) size their rules and columns with this, so a rule has the same length in every
/// output.
pub fn text_width(text: &str, bold: bool, italic: bool, size: f64) -> f64 {
    use std::sync::OnceLock;
    static FACES: OnceLock<Vec<rustybuzz::Face<'static>>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        FILES
            .iter()
            .map(|data| rustybuzz::Face::from_slice(data, 0).expect("embedded font parses"))
            .collect()
    });
    // FILES is ordered Regular, Bold, Italic, BoldItalic.
    let face = &faces[usize::from(bold) + 2 * usize::from(italic)];
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(face, &[], buffer);
    let units: i64 = shaped
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    units as f64 / f64::from(face.units_per_em()) * size
}

fn in_every_style(fonts: &[Font], code: u32) -> bool {
    fonts.iter().all(|f| f.info().coverage.contains(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_those_of_the_decree_lines() {
        // fontTools on LiberationSerif-Bold 2.1.5 (Times New Roman's metrics) sums the
        // advances to 60.5 mm for the Tiêu ngữ at 14 pt and 95.7 mm for the Quốc hiệu at
        // 13 pt; shaping kerns the capitals of the Quốc hiệu (ÒA, VI, ỆT …) by 0.7 mm.
        let mm = |pt: f64| pt * 25.4 / 72.0;
        let tn = mm(text_width("Độc lập - Tự do - Hạnh phúc", true, false, 14.0));
        let qh = mm(text_width(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            true,
            false,
            13.0,
        ));
        assert!((tn - 60.5).abs() < 0.3, "Tiêu ngữ {tn} mm");
        assert!((qh - 95.0).abs() < 0.3, "Quốc hiệu {qh} mm");
        assert!(text_width("abc", false, true, 14.0) < text_width("abc", true, false, 14.0));
    }

    #[test]
    fn four_styles_and_full_vietnamese() {
        let f = Fonts::embedded();
        assert_eq!(f.fonts.len(), 4);
        for c in
            "ẮẰẲẴẶắằẳẵặẤẦẨẪẬấầẩẫậĐđẾỀỂỄỆếềểễệỐỒỔỖỘốồổỗộỚỜỞỠỢớờởỡợỨỪỬỮỰứừửữựỲỴỶỸỳỵỷỹƠơƯư".chars()
        {
            assert!(f.covers(c), "missing {c}");
        }
        assert!(!f.covers('\u{4e2d}'));
        // The table of common characters agrees with asking the fonts.
        for code in 0..COMMON_END + 64 {
            if let Some(c) = char::from_u32(code) {
                let asked = in_every_style(&f.fonts, code);
                assert_eq!(f.covers(c), asked, "U+{code:04X}");
            }
        }
    }
}
