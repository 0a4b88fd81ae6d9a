//! The README's promises against hostile input, faults and concurrent runs
//! (issue 15). Each test is named after the promise it keeps and works only
//! in temporary folders it makes: special files (FIFOs, a device made with
//! `mknod`) are created there, never taken from the system.

mod common;

use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// The message after `bindery: ` on a one-line standard error.
fn one_line_error(o: &Output) -> String {
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {err}");
    assert!(lines[0].starts_with("bindery: "), "{err}");
    lines[0].to_string()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

/// Temporary outputs left anywhere below `dir`.
fn parts_left(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            n += parts_left(&path);
        } else if entry.file_name().to_string_lossy().ends_with(".part") {
            n += 1;
        }
    }
    n
}

/// A PNG whose header claims `w` × `h` pixels, with no pixel data (389 KB
/// of real data would not change what is tested: the header is refused).
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    // An empty IDAT and IEND: decoders read the header up to the first IDAT.
    for chunk in [b"IDAT", b"IEND"] {
        png.extend(0u32.to_be_bytes());
        png.extend(chunk);
        png.extend(crc32(chunk).to_be_bytes());
    }
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}

/// A real 64 × 64 JPEG cut in half.
fn truncated_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([(x * 4) as u8, (y * 4) as u8, 128]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut bytes).encode_image(&img).unwrap();
    bytes.truncate(bytes.len() / 2);
    bytes
}

const CHAPTER: &str = "第一章　归途\n\n那一年的雨下得格外长，镇上的人都说河水从来没有涨得这样高。\n";

// ---------------------------------------------------------------------------
// "Errors are one line … naming the file and the problem"; "One failing input
// never stops the others".
// ---------------------------------------------------------------------------

#[test]
fn deeply_nested_markdown_converts_instead_of_crashing() {
    let dir = tempdir();
    let cases = [
        ("quotes.md", "> ".repeat(6000) + "x\n"),
        ("lists.md", "- ".repeat(3000) + "x\n"),
        ("emphasis.md", "*".repeat(30_000) + "x" + &"*".repeat(30_000)),
        ("html.md", "<em>".repeat(10_000) + "x" + &"</em>".repeat(10_000)),
        ("links.md", "[".repeat(5000) + "x" + &"](u)".repeat(5000)),
    ];
    for (name, text) in &cases {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    for (name, _) in &cases {
        let o = bindery(&["convert", path_str(&dir.path().join(name)), "--to", "epub,json", "-o", path_str(&out)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        // Output stays linear in the input: no quadratic JSON.
        let json = out.join(name.replace(".md", ".json"));
        assert!(std::fs::metadata(&json).unwrap().len() < 2_000_000, "{name}: JSON too large");
    }
    // In a batch, next to an ordinary book: every book and the summary.
    std::fs::write(dir.path().join("ordinary.md"), format!("# 书\n\n{CHAPTER}")).unwrap();
    let o = bindery(&["convert", path_str(dir.path()), "--to", "epub", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("6 converted"), "{}", stderr(&o));
    let o = bindery(&["inspect", "--batch", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn deeply_nested_front_matter_is_ignored_quickly() {
    let dir = tempdir();
    let md = dir.path().join("fm.md");
    std::fs::write(&md, format!("---\ntitle: {}{}\n---\n\n# 书\n\n正文。\n", "[".repeat(100_000), "]".repeat(100_000)))
        .unwrap();
    let started = std::time::Instant::now();
    let o = bindery(&["convert", path_str(&md), "--to", "json", "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("front matter nests brackets"), "{}", stderr(&o));
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
}

// ---------------------------------------------------------------------------
// "Outputs are written to a temporary file and renamed" — and replace only a
// regular file.
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn outputs_never_replace_a_symlink_fifo_or_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, CHAPTER).unwrap();
    let target = dir.path().join("real.epub");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("link.epub");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let fifo = dir.path().join("fifo.epub");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut specials = vec![(link.clone(), "symbolic link"), (fifo.clone(), "device, FIFO or socket")];
    // A character device of our own, in our temporary folder (1,3 is what
    // /dev/null is; the real one is never touched). Needs root.
    let device = dir.path().join("null.epub");
    if Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        specials.push((device.clone(), "device, FIFO or socket"));
    }
    for (special, what) in &specials {
        let o = bindery(&["convert", path_str(&input), "--to", "epub", "--output", path_str(special)]);
        assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
        let line = one_line_error(&o);
        assert!(line.contains(what) && line.contains("refusing to replace it"), "{line}");
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    if specials.len() == 3 {
        assert!(std::fs::symlink_metadata(&device).unwrap().file_type().is_char_device());
    }
    // In a batch, an output that is a symlink fails that book only.
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("a.txt"), CHAPTER).unwrap();
    std::fs::write(lib.join("b.txt"), CHAPTER).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&target, out.join("a.epub")).unwrap();
    let o = bindery(&["convert", path_str(&lib), "--to", "epub", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(out.join("b.epub").is_file());
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
}

// ---------------------------------------------------------------------------
// "cover or Markdown image unreadable, not an image, too large or a
// decompression bomb" → 3; "Markdown image outside the input's folder" → 3.
// ---------------------------------------------------------------------------

#[test]
fn oversized_and_damaged_body_images_are_refused() {
    let dir = tempdir();
    std::fs::write(dir.path().join("huge.png"), png_header(20_000, 20_000)).unwrap();
    std::fs::write(dir.path().join("wide.png"), png_header(30_000, 10)).unwrap();
    std::fs::write(dir.path().join("cut.jpg"), truncated_jpeg()).unwrap();
    let out = dir.path().join("out");
    for (image, why) in [
        ("huge.png", "larger than bindery embeds"),
        ("wide.png", "larger than bindery embeds"),
        ("cut.jpg", "damaged image"),
    ] {
        let md = dir.path().join(format!("{image}.md"));
        std::fs::write(&md, format!("# 书\n\n![图]({image})\n")).unwrap();
        for to in ["epub", "pdf"] {
            let o = bindery(&["convert", path_str(&md), "--to", to, "-o", path_str(&out)]);
            assert_eq!(o.status.code(), Some(3), "{image} {to}: {}", stderr(&o));
            let line = one_line_error(&o);
            assert!(line.contains(why) && line.contains(image), "{line}");
        }
    }
    assert!(files_in(&out).is_empty(), "{:?}", files_in(&out));
}

#[cfg(unix)]
#[test]
fn covers_are_confined_capped_and_checked_for_every_format() {
    let dir = tempdir();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(dir.path().join("outside.png"), png_header(10, 10)).unwrap();
    let out = dir.path().join("out");
    let abs = dir.path().join("outside.png");
    for cover in ["../outside.png", path_str(&abs)] {
        let md = book.join("a.md");
        std::fs::write(&md, format!("---\ntitle: 书\ncover: {cover}\n---\n\n正文。\n")).unwrap();
        let o = bindery(&["convert", path_str(&md), "--to", "epub", "-o", path_str(&out)]);
        assert_eq!(o.status.code(), Some(3), "{cover}: {}", stderr(&o));
        assert!(one_line_error(&o).contains("outside the input folder"));
    }
    // A cover that never ends (a FIFO standing in for /dev/zero) is not read.
    let fifo = book.join("endless.png");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let md = book.join("b.md");
    std::fs::write(&md, "---\ntitle: 书\ncover: endless.png\n---\n\n正文。\n").unwrap();
    let o = bindery(&["convert", path_str(&md), "--to", "epub", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(one_line_error(&o).contains("not a regular file"));
    // --cover bombs are refused whatever the format.
    let txt = dir.path().join("c.txt");
    std::fs::write(&txt, CHAPTER).unwrap();
    let bomb = dir.path().join("bomb.png");
    std::fs::write(&bomb, png_header(30_000, 30_000)).unwrap();
    for to in ["epub", "pdf", "json"] {
        let o = bindery(&["convert", path_str(&txt), "--to", to, "--cover", path_str(&bomb), "-o", path_str(&out)]);
        assert_eq!(o.status.code(), Some(3), "{to}: {}", stderr(&o));
        assert!(one_line_error(&o).contains("cover image"));
    }
    assert!(files_in(&out).is_empty(), "{:?}", files_in(&out));
}

// ---------------------------------------------------------------------------
// "-r walks subfolders"; "Folders … (hidden files and the output folder are
// left alone)".
// ---------------------------------------------------------------------------

/// `lib/` with two books (`a.txt`, `sub/b.txt`) and links back up the tree
/// (`self → .`, `sub/up → ..`).
#[cfg(unix)]
fn looping_library(dir: &Path) -> PathBuf {
    let lib = dir.join("lib");
    std::fs::create_dir_all(lib.join("sub")).unwrap();
    std::fs::write(lib.join("a.txt"), CHAPTER).unwrap();
    std::fs::write(lib.join("sub/b.txt"), CHAPTER).unwrap();
    std::os::unix::fs::symlink(".", lib.join("self")).unwrap();
    std::os::unix::fs::symlink("..", lib.join("sub/up")).unwrap();
    lib
}

#[cfg(unix)]
#[test]
fn recursive_walks_survive_symlink_loops() {
    let dir = tempdir();
    let lib = looping_library(dir.path());
    let out = dir.path().join("out");
    let o = bindery(&["convert", path_str(&lib), "-r", "--to", "json", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 converted"), "{}", stderr(&o));
    assert_eq!(files_in(&out), [".bindery-manifest.json", ".bindery-manifest.lock", "a.json", "sub"]);
    assert_eq!(files_in(&out.join("sub")), ["b.json"]);
}

/// Run bindery with a deadline: a walk that loops fails the test instead of hanging it.
fn bindery_within(args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bindery"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("bindery {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn glob_patterns_survive_symlink_loops() {
    let dir = tempdir();
    let lib = looping_library(dir.path());
    // Two links pointing at each other, and a folder reached only through a link.
    std::os::unix::fs::symlink("ping", lib.join("pong")).unwrap();
    std::os::unix::fs::symlink("pong", lib.join("ping")).unwrap();
    std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    std::fs::write(dir.path().join("elsewhere/c.txt"), CHAPTER).unwrap();
    std::os::unix::fs::symlink("../elsewhere", lib.join("linked")).unwrap();
    let out = dir.path().join("out");
    let pattern = format!("{}/**/*.txt", lib.display());
    let o = bindery_within(&["convert", &pattern, "--to", "json", "-o", path_str(&out)], 60);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 converted"), "{}", stderr(&o));
    assert_eq!(files_in(&out), [".bindery-manifest.json", ".bindery-manifest.lock", "a.json", "linked", "sub"]);
    assert_eq!(files_in(&out.join("sub")), ["b.json"]);
    assert_eq!(files_in(&out.join("linked")), ["c.json"]);
    // `*` stays within one folder.
    let o = bindery_within(&["convert", &format!("{}/*.txt", lib.display()), "--to", "md", "-o", path_str(&out)], 60);
    assert!(stderr(&o).contains("1 converted"), "{}", stderr(&o));
}

#[test]
fn pdf_inputs_are_taken_in_folder_walks() {
    let dir = tempdir();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(lib.join("scans")).unwrap();
    // A PDF with a text layer (bindery's own), and a text book with last run's PDF beside it.
    std::fs::write(dir.path().join("report.txt"), CHAPTER).unwrap();
    let o = bindery(&[
        "convert",
        path_str(&dir.path().join("report.txt")),
        "--to",
        "pdf",
        "-o",
        path_str(&lib.join("scans")),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(lib.join("novel.txt"), CHAPTER).unwrap();
    let o = bindery(&["convert", path_str(&lib.join("novel.txt")), "--to", "pdf", "-o", path_str(&lib)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path().join("out");
    let o = bindery(&["convert", path_str(&lib), "-r", "--to", "json", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 converted"), "novel.pdf is novel.txt's book, not an input: {}", stderr(&o));
    assert_eq!(files_in(&out), [".bindery-manifest.json", ".bindery-manifest.lock", "novel.json", "scans"]);
    let json = std::fs::read_to_string(out.join("scans/report.json")).unwrap();
    let body = CHAPTER.lines().last().unwrap();
    assert!(json.contains(body), "the PDF's text was read: {body}");
    // The same through a pattern.
    let o = bindery(&["convert", &format!("{}/**/*.pdf", lib.display()), "--to", "md", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("scans/report.md").is_file());
}

#[test]
fn folder_inputs_work_with_the_default_output_folder() {
    let dir = tempdir();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(lib.join("zh")).unwrap();
    std::fs::write(lib.join("zh/novel.txt"), CHAPTER).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_bindery"))
        .args(["convert", "lib", "-r", "--to", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("zh/novel.json").is_file());
    // The output folder inside the input folder is still left alone.
    let o = bindery(&["convert", path_str(&lib), "-r", "--to", "md", "-o", path_str(&lib.join("books"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = bindery(&["convert", path_str(&lib), "-r", "--to", "md", "-o", path_str(&lib.join("books"))]);
    assert!(stderr(&o).contains("1 converted"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// Decoding: "legacy encodings … detected"; "refuses binary".
// ---------------------------------------------------------------------------

#[test]
fn a_utf8_file_with_one_gbk_line_keeps_its_chinese() {
    let dir = tempdir();
    let input = dir.path().join("mixed.txt");
    let mut bytes = "第一章　归途\n\n那一年的雨下得格外长。\n".as_bytes().to_vec();
    let (gbk, _, _) = encoding_rs::GBK.encode("镇上的人都说河水从来没有涨得这样高。\n");
    bytes.extend(gbk.iter());
    bytes.extend("我们沿着石板路往回走。\n".as_bytes());
    std::fs::write(&input, bytes).unwrap();
    let o = bindery(&["convert", path_str(&input), "--to", "json", "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 line(s) not in UTF-8 decoded as GBK, the first at line 4"), "{}", stderr(&o));
    let json = std::fs::read_to_string(dir.path().join("mixed.json")).unwrap();
    assert!(json.contains("镇上的人都说河水从来没有涨得这样高。"));
    assert!(json.contains("那一年的雨下得格外长。"));
}

#[test]
fn compressed_encrypted_and_random_bytes_are_refused() {
    let dir = tempdir();
    let mut x = 7u32;
    let random: Vec<u8> = (0..200_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let mut salted = b"Salted__".to_vec();
    salted.extend(&random[..4096]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a.txt.xz", [b"\xfd7zXZ\x00\x00\x04".as_slice(), &random[..1000]].concat(), "an xz archive"),
        ("b.txt.bz2", [b"BZh91AY&SY".as_slice(), &random[..1000]].concat(), "a bzip2 archive"),
        ("c.txt.zst", [b"\x28\xb5\x2f\xfd".as_slice(), &random[..1000]].concat(), "a zstd archive"),
        ("d.txt.enc", salted, "OpenSSL-encrypted data"),
        ("e.txt", random, "binary data"),
    ];
    for (name, bytes, kind) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = bindery(&["convert", path_str(&path), "--to", "epub", "-o", path_str(dir.path())]);
        assert_eq!(o.status.code(), Some(3), "{name}: {}", stderr(&o));
        assert!(one_line_error(&o).contains(&format!("looks like {kind}, not text")), "{}", stderr(&o));
    }
}

// ---------------------------------------------------------------------------
// "EPUB sections are split above 250 KB" — inside one paragraph too.
// ---------------------------------------------------------------------------

#[test]
fn epub_sections_split_inside_one_huge_paragraph() {
    let dir = tempdir();
    let input = dir.path().join("line.txt");
    let unit = "天色已晚他推开了门看见院子里站着一个人那人穿着一身青衣背对着他一动不动，";
    std::fs::write(&input, unit.repeat(2 * 1024 * 1024 / unit.len())).unwrap();
    let o = bindery(&["convert", path_str(&input), "--to", "epub", "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = std::fs::File::open(dir.path().join("line.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut sections = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        if entry.name().ends_with(".xhtml") && entry.name().contains("section") {
            sections += 1;
            assert!(entry.size() <= 256 * 1024 + 2048, "{} is {} bytes", entry.name(), entry.size());
        }
    }
    assert!(sections >= 8, "{sections} sections");
}

// ---------------------------------------------------------------------------
// "a valid EPUB 3": links EPUBCheck accepts.
// ---------------------------------------------------------------------------

#[test]
fn links_with_bad_escapes_still_give_a_valid_epub() {
    let dir = tempdir();
    let md = dir.path().join("links.md");
    std::fs::write(
        &md,
        "# 书\n\n[a](https://example.com/%zz) [b](https://example.com/?q=<x>) [c](https://example.com/a%20b)\n",
    )
    .unwrap();
    let o = bindery(&["convert", path_str(&md), "--to", "epub", "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let epub = dir.path().join("links.epub");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let mut body = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.name().ends_with(".xhtml") {
            std::io::Read::read_to_string(&mut entry, &mut body).unwrap();
        }
    }
    assert!(body.contains("https://example.com/%25zz"), "{body}");
    assert!(body.contains("https://example.com/?q=%3Cx%3E"), "{body}");
    assert!(body.contains("https://example.com/a%20b"), "{body}");
    if tool("epubcheck") {
        let o = Command::new("epubcheck").arg(&epub).output().unwrap();
        assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    }
}

// ---------------------------------------------------------------------------
// "a character no bundled face has is drawn as 〓 in the PDF with a warning".
// ---------------------------------------------------------------------------

#[test]
fn a_character_without_a_glyph_is_reported() {
    let dir = tempdir();
    let input = dir.path().join("emoji.txt");
    std::fs::write(&input, "第一章\n\n他笑了😀，又哭了\u{1F62D}。\n").unwrap();
    let o = bindery(&["convert", path_str(&input), "--to", "pdf", "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("bindery: warning: 2 character(s) have no glyph"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// Exit codes: "2 usage error", found before anything is written.
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_are_one_line_with_exit_2() {
    let dir = tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, CHAPTER).unwrap();
    let out = dir.path().join("out");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["convert"], "<INPUTS>"),
        (vec!["convert", path_str(&input), "--too", "epub"], "--to"),
        (vec!["convert", path_str(&input), "--to", "docx"], "docx"),
        (vec!["convert", path_str(&input), "--shard", "4/4"], "--shard"),
        (vec!["convert", path_str(&input), "--shard", "0/2", "--shard-from-env"], "--shard-from-env"),
        (vec!["convert", path_str(&input), "--max-input-bytes", "lots"], "--max-input-bytes"),
        (vec!["frobnicate"], "frobnicate"),
    ];
    for (mut args, why) in cases {
        args.extend(["-o", path_str(&out)]);
        let o = bindery(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let line = one_line_error(&o);
        assert!(line.contains(why) && line.ends_with("(see bindery --help)"), "{args:?}: {line}");
        assert!(files_in(&out).is_empty());
    }
    // Help and version still print in full, on standard output, with 0.
    let o = bindery(&["convert", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).lines().count() > 20);
}

#[test]
fn inputs_over_the_size_cap_are_refused() {
    let dir = tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, CHAPTER.repeat(20)).unwrap();
    let out = dir.path().join("out");
    let o = bindery(&["convert", path_str(&input), "--max-input-bytes", "1K", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(one_line_error(&o).contains("larger than 1 KiB, the most bindery reads (--max-input-bytes)"));
    assert!(files_in(&out).is_empty());
    // Standard input is held to the cap too.
    let mut child = Command::new(env!("CARGO_BIN_EXE_bindery"))
        .args(["convert", "-", "--max-input-bytes", "1024", "-o", path_str(&out)])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(CHAPTER.repeat(20).as_bytes());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(one_line_error(&o).contains("larger than 1 KiB"));
    // The default cap, 256 MiB, on a sparse file one byte over it: refused from its size, not read.
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big).unwrap().set_len((256 << 20) + 1).unwrap();
    let started = std::time::Instant::now();
    let o = bindery(&["convert", path_str(&big), "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(one_line_error(&o).contains("larger than 256 MiB"));
    assert!(started.elapsed() < Duration::from_secs(10));
    // At the cap exactly it is read (a small cap keeps the test small).
    let exact = dir.path().join("exact.txt");
    std::fs::write(&exact, CHAPTER.repeat(4)).unwrap();
    let cap = std::fs::metadata(&exact).unwrap().len().to_string();
    let o = bindery(&["convert", path_str(&exact), "--max-input-bytes", &cap, "--to", "md", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2_before_anything_is_written() {
    let dir = tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, CHAPTER).unwrap();
    let not_a_font = dir.path().join("font.ttf");
    std::fs::write(&not_a_font, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let out = dir.path().join("out");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--font-size", "0"], "--font-size"),
        (vec!["--font-size=-3"], "--font-size"),
        (vec!["--margins", "100,100,100,100"], "no room for text"),
        (vec!["--font", path_str(&not_a_font)], "not a TrueType or OpenType font"),
        (vec!["--date", "2020-13-45"], "not a date"),
        (vec!["--date", "yesterday"], "not a date"),
    ];
    for (extra, why) in &cases {
        let mut args = vec!["convert", path_str(&input), "-o", path_str(&out)];
        args.extend(extra);
        let o = bindery(&args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{extra:?}: {}", stderr(&o));
        assert!(files_in(&out).is_empty(), "{extra:?} wrote {:?}", files_in(&out));
    }
    for epoch in ["99999999999999", "-5", "soon"] {
        let o = Command::new(env!("CARGO_BIN_EXE_bindery"))
            .args(["convert", path_str(&input), "-o", path_str(&out)])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{epoch}: {}", stderr(&o));
        assert!(one_line_error(&o).contains("SOURCE_DATE_EPOCH"));
        assert!(files_in(&out).is_empty());
    }
}

// ---------------------------------------------------------------------------
// Terminal and permissions.
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn escape_sequences_in_file_names_are_not_echoed() {
    let dir = tempdir();
    let input = dir.path().join("evil\u{1b}]0;pwned\u{7}\u{1b}[31m.txt");
    std::fs::write(&input, CHAPTER).unwrap();
    let o = bindery(&["convert", input.to_str().unwrap(), "--to", "json", "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!o.stderr.contains(&0x1b) && !o.stderr.contains(&0x07), "{:?}", stderr(&o));
    assert!(stderr(&o).contains("evil\\u{1b}]0;pwned"), "{}", stderr(&o));
    std::fs::write(dir.path().join("bad\u{1b}[2J.txt"), [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n']).unwrap();
    let o = bindery(&["inspect", "--batch", path_str(dir.path())]);
    assert!(!o.stdout.contains(&0x1b), "{}", String::from_utf8_lossy(&o.stdout));
}

#[cfg(unix)]
#[test]
fn outputs_honour_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, CHAPTER).unwrap();
    for (umask, mode) in [("077", 0o600), ("022", 0o644), ("002", 0o664)] {
        let out = dir.path().join(format!("out{umask}"));
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask}; exec \"$0\" convert \"$1\" --to json -o \"$2\""))
            .arg(env!("CARGO_BIN_EXE_bindery"))
            .arg(&input)
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let got = std::fs::metadata(out.join("book.json")).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask}");
    }
}

// ---------------------------------------------------------------------------
// Faults: "an interrupted run never leaves a half-written book"; the manifest.
// ---------------------------------------------------------------------------

/// A library of `n` books big enough that a batch runs for a while.
fn library(dir: &Path, n: usize) -> PathBuf {
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let para =
        "那一年的雨下得格外长，镇上的人都说河水从来没有涨得这样高。我们沿着石板路往回走，路灯一盏一盏亮起来。\n\n";
    for i in 0..n {
        let mut text = format!("书{i}\n\n");
        for c in 1..=6 {
            text.push_str(&format!("第{c}章　归途\n\n"));
            text.push_str(&para.repeat(120 + i * 7));
        }
        std::fs::write(lib.join(format!("book{i:02}.txt")), text).unwrap();
    }
    lib
}

/// A pseudo-random number in `0..n` from the clock (no rand crate for a test).
fn pick(n: u64, salt: u64) -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    (nanos ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)) % n
}

/// Every book of `lib` is in `out` and is whole (the EPUB opens as a ZIP).
fn books_lost(lib: &Path, out: &Path) -> usize {
    let mut lost = 0;
    for entry in std::fs::read_dir(lib).unwrap().flatten() {
        let stem = entry.path().file_stem().unwrap().to_string_lossy().into_owned();
        let epub = out.join(format!("{stem}.epub"));
        let whole = std::fs::File::open(&epub).ok().and_then(|f| zip::ZipArchive::new(f).ok()).is_some();
        lost += usize::from(!whole);
    }
    lost
}

#[cfg(unix)]
#[test]
fn interrupted_batches_lose_no_book_and_leave_no_temp_file() {
    let dir = tempdir();
    let books = 6;
    let lib = library(dir.path(), books);
    let (mut tried, mut lost, mut left, mut interrupted, mut swept) = (0, 0, 0, 0, 0);
    for (round, signal) in ["KILL", "INT", "TERM", "HUP"].iter().cycle().take(12).enumerate() {
        let out = dir.path().join(format!("out{round}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_bindery"))
            .args(["convert", path_str(&lib), "--to", "epub,pdf", "-j", "2", "-q", "-o", path_str(&out)])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(30 + pick(700, round as u64)));
        Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
        let status = child.wait().unwrap();
        interrupted += usize::from(!status.success());
        if *signal == "KILL" {
            swept += parts_left(&out);
        } else {
            // A handled signal cleans up at once (unless the run had already finished).
            left += parts_left(&out);
            if status.code().is_none_or(|c| c != 0) {
                use std::os::unix::process::ExitStatusExt;
                assert!(status.signal().is_some() || status.code().unwrap_or(0) >= 128, "{signal}: {status:?}");
            }
        }
        // The next run finishes the batch and sweeps what a kill -9 left.
        let o =
            bindery(&["convert", path_str(&lib), "--to", "epub,pdf", "--skip-existing", "-q", "-o", path_str(&out)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        tried += books;
        lost += books_lost(&lib, &out);
        left += parts_left(&out);
    }
    eprintln!(
        "faults: signals: {tried} inputs tried in 12 runs ({interrupted} interrupted mid-run), {lost} books lost, \
         {left} temp files left ({swept} left by kill -9 and swept by the next run)"
    );
    assert_eq!((lost, left), (0, 0));
}

#[cfg(unix)]
#[test]
fn a_full_disk_fails_the_books_it_hits_and_still_summarises() {
    let dir = tempdir();
    let lib = library(dir.path(), 4);
    let out = dir.path().join("out");
    // RLIMIT_FSIZE stands in for a full disk: writes past 8 KB (16 blocks of
    // 512 bytes in dash, 16 KB in bash) fail with EFBIG (SIGXFSZ ignored so
    // the write reports it instead of killing us).
    let o = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" convert \"$1\" --to epub,pdf -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_bindery"))
        .arg(&lib)
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("converted,") && stderr(&o).contains("failed"), "{}", stderr(&o));
    assert_eq!(parts_left(&out), 0);
    // With room again, the rerun completes every book.
    let o = bindery(&["convert", path_str(&lib), "--to", "epub,pdf", "--skip-existing", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(books_lost(&lib, &out), 0);
    eprintln!("faults: disk full: 4 inputs tried, 0 books lost, 0 temp files left");
}

#[test]
fn an_unwritable_output_folder_fails_cleanly() {
    // As root, permission bits do not stop writes; a file where the folder
    // should be does, for everyone.
    let dir = tempdir();
    let lib = library(dir.path(), 2);
    let out = dir.path().join("out");
    std::fs::write(&out, "not a folder").unwrap();
    let o = bindery(&["convert", path_str(&lib), "--to", "epub", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 converted, 0 skipped (unchanged), 2 failed"), "{}", stderr(&o));
    let single = lib.join("book00.txt");
    let o = bindery(&["convert", path_str(&single), "--to", "epub", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    one_line_error(&o);
}

#[test]
fn concurrent_batches_into_one_folder_keep_every_manifest_entry() {
    let dir = tempdir();
    let lib = library(dir.path(), 6);
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    for i in 0..6 {
        std::fs::write(other.join(format!("extra{i}.txt")), format!("另一本书{i}\n\n{CHAPTER}")).unwrap();
    }
    let out = dir.path().join("out");
    let spawn = |input: &Path| {
        Command::new(env!("CARGO_BIN_EXE_bindery"))
            .args(["convert", path_str(input), "--to", "epub", "-j", "2", "-q", "-o", path_str(&out)])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(&lib), spawn(&other));
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".bindery-manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["books"].as_object().unwrap().len(), 12, "{manifest}");
    assert_eq!(parts_left(&out), 0);
    // The same batch twice at once: both succeed, every book whole.
    let (a, b) = (spawn(&lib), spawn(&lib));
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(books_lost(&lib, &out), 0);
    assert_eq!(parts_left(&out), 0);
    eprintln!("faults: concurrent: 24 inputs tried, 0 books lost, 0 temp files left");
}

#[test]
fn a_killed_runs_temp_files_are_swept_by_the_next() {
    let dir = tempdir();
    let lib = library(dir.path(), 1);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut stale = std::fs::File::create(out.join(".bindery-AbC123.part")).unwrap();
    stale.write_all(b"half a book").unwrap();
    drop(stale);
    let o = bindery(&["convert", path_str(&lib), "--to", "epub", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(parts_left(&out), 0);
}
