//! Fonts without a checkout: with the bundled faces hidden (`BINDERY_FONT_DIR`
//! naming an empty folder), the binary finds Debian's Noto CJK collections
//! among the system's fonts, in the book language's regional forms; with no
//! face for the text's script (`BINDERY_SYSTEM_FONT_DIRS` naming an empty
//! folder) it stops with one line naming the package to install and writes no
//! PDF. CI also runs the whole `tests/pdf.rs` suite with the bundled faces
//! hidden (`.ci/run`), so the system faces pass the same PDF checks.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Run bindery with the bundled faces hidden and `env` set.
fn bindery_without_bundled(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let empty = common::tempdir();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bindery"));
    cmd.args(args).env("BINDERY_FONT_DIR", empty.path()).env("SOURCE_DATE_EPOCH", "1700000000");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run bindery")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Whether Debian's fonts-noto-cjk is installed (CI installs it; elsewhere the test skips).
fn noto_cjk_installed() -> bool {
    let found = Path::new("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists();
    if !found {
        assert!(std::env::var_os("CI").is_none(), "fonts-noto-cjk is required in CI (.ci/run installs it)");
        eprintln!("skipping: fonts-noto-cjk not installed");
    }
    found
}

/// The PostScript names of the fonts `pdffonts` lists, without subset tags.
fn pdf_font_names(pdf: &Path) -> Vec<String> {
    if !common::tool("pdffonts") {
        return Vec::new();
    }
    let out = Command::new("pdffonts").arg(pdf).output().expect("run pdffonts");
    assert!(out.status.success());
    stdout(&out)
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_string())
        .collect()
}

fn convert_pdf(text: &str, extra: &[&str], env: &[(&str, &Path)]) -> (Output, tempfile::TempDir) {
    let dir = common::tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, text).unwrap();
    let mut args = vec!["convert", input.to_str().unwrap(), "--to", "pdf", "-q", "-o", dir.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    (bindery_without_bundled(&args, env), dir)
}

#[test]
fn fonts_lists_the_system_noto_cjk_collection_face_for_each_script() {
    if !noto_cjk_installed() {
        return;
    }
    let out = bindery_without_bundled(&["fonts"], &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("not installed (looked in "), "{report}");
    assert!(report.contains("Noto Serif CJK SC"), "{report}");
    let han = report.lines().skip_while(|l| !l.contains("Chinese (Han)")).take(2).collect::<Vec<_>>();
    // Face 2 of Debian's collection is Noto Serif CJK SC (fonts/README.md).
    assert!(
        han[0].contains("Noto Serif CJK SC (system)") && han[0].ends_with("NotoSerifCJK-Regular.ttc #2"),
        "{han:?}"
    );
    assert!(han[1].contains("bold") && han[1].ends_with("NotoSerifCJK-Bold.ttc #2"), "{han:?}");

    // With the bundled faces present they come first.
    let bundled = common::bindery(&["fonts"]);
    let report = stdout(&bundled);
    assert!(report.contains("Noto Serif CJK SC (bundled)"), "{report}");
}

#[test]
fn the_bulletin_is_set_in_the_system_noto_cjk_when_no_bundled_face_is_installed() {
    let Some(shared) = common::shared() else { return };
    if !noto_cjk_installed() {
        return;
    }
    let bulletin = shared.join("corpus/luoyang-bulletin/input.txt");
    let out_dir = common::tempdir();
    let out = bindery_without_bundled(
        &["convert", bulletin.to_str().unwrap(), "--to", "pdf,epub", "-q", "-o", out_dir.path().to_str().unwrap()],
        &[],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let pdf = out_dir.path().join("input.pdf");
    let names = pdf_font_names(&pdf);
    if !names.is_empty() {
        assert_eq!(names, ["NotoSerifCJKsc-Bold-Identity-H", "NotoSerifCJKsc-Regular-Identity-H"]);
    }
    if common::tool("pdftotext") {
        let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        let text = stdout(&text);
        assert!(
            text.chars().filter(|c| bindery::text::is_han(*c)).count() > 10_000,
            "the bulletin's Chinese comes back"
        );
        assert!(!text.contains('〓'), "no missing-glyph marks");
    }
}

#[test]
fn japanese_and_traditional_chinese_take_their_regional_faces_from_the_collection() {
    if !noto_cjk_installed() {
        return;
    }
    let cases = [
        ("吾輩は猫である。名前はまだ無い。\n\nどこで生れたかとんと見当がつかぬ。\n", "ja", "NotoSerifCJKjp"),
        ("天下大勢，分久必合，合久必分。\n\n這是一個繁體中文的段落。\n", "zh-Hant", "NotoSerifCJKtc"),
    ];
    for (text, lang, face) in cases {
        let (out, dir) = convert_pdf(text, &["--lang", lang], &[]);
        assert!(out.status.success(), "{lang}: {}", common::stderr(&out));
        let names = pdf_font_names(&dir.path().join("book.pdf"));
        assert!(names.is_empty() || names.iter().all(|n| n.starts_with(face)), "{lang}: {names:?}");
    }
}

#[test]
fn latin_text_needs_no_cjk_face() {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    if !dejavu.join("DejaVuSerif.ttf").exists() {
        assert!(std::env::var_os("CI").is_none(), "fonts-dejavu-core is required in CI");
        return;
    }
    let (out, dir) =
        convert_pdf("The Ferry\n\nThe river was high that spring.\n", &[], &[("BINDERY_SYSTEM_FONT_DIRS", dejavu)]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let names = pdf_font_names(&dir.path().join("book.pdf"));
    assert!(names.is_empty() || names.iter().all(|n| n.starts_with("DejaVuSerif")), "{names:?}");
}

#[test]
fn no_face_for_the_script_is_a_one_line_error_naming_the_package() {
    let no_fonts = common::tempdir();
    let (out, dir) =
        convert_pdf("第一章 入梅\n\n那年的梅雨来得很早。\n", &[], &[("BINDERY_SYSTEM_FONT_DIRS", no_fonts.path())]);
    assert_eq!(out.status.code(), Some(bindery::error::exit::FONT), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("Chinese (Han)") && err.contains("apt install fonts-noto-cjk"), "{err}");
    assert!(!dir.path().join("book.pdf").exists(), "no PDF of missing glyphs");

    let (out, _dir) =
        convert_pdf("한국어 문장입니다.\n", &["--lang", "ko"], &[("BINDERY_SYSTEM_FONT_DIRS", no_fonts.path())]);
    assert!(common::stderr(&out).contains("Korean (Hangul)"), "{}", common::stderr(&out));
}
