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
}

impl Fonts {
    pub fn embedded() -> Fonts {
        let fonts: Vec<Font> = FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Fonts { fonts, book }
    }

    /// Whether every style of the family has a glyph for `c`, so that nothing the clerk typed
    /// is silently dropped or replaced by a box.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .all(|f| f.info().coverage.contains(c as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
