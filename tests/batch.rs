//! End-to-end: `bindery convert` on collections — folders of mixed encodings
//! and languages, sidecars and file-name metadata, `--skip-existing`, OPF
//! sidecars, Calibre, Markdown with images, and `inspect --batch`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The book's languages and the encodings each is written in.
#[derive(Clone, Copy, Debug)]
enum Lang {
    Hans,
    Hant,
    Ja,
    En,
}

#[derive(Clone, Copy, Debug)]
enum Enc {
    Utf8,
    Gbk,
    Big5,
    ShiftJis,
    Utf16Le,
    Utf16Be,
}

/// A short book: a title line, then three chapters of a few paragraphs, varied by `seed`.
fn book_text(lang: Lang, seed: usize) -> String {
    let (title, chapter, para): (String, fn(usize) -> String, &[&str]) = match lang {
        Lang::Hans => (format!("山城雨夜{seed}"), |i| format!("第{}章 归途", ["一", "二", "三"][i]), &[
            "那一年的雨下得格外长，镇上的人都说河水从来没有涨得这样高。",
            "我们沿着石板路往回走，路灯一盏一盏亮起来，远处传来火车的汽笛声。",
            "母亲在门口等着，手里拿着一把旧伞，什么也没有说。",
        ]),
        Lang::Hant => (format!("港灣舊事{seed}"), |i| format!("第{}章 歸來", ["一", "二", "三"][i]), &[
            "那一年的颱風來得特別早，碼頭上的漁船都躲進了避風塘。",
            "我們沿著舊街往回走，霓虹燈一盞一盞亮起來，遠處傳來渡輪的汽笛聲。",
            "祖母在門口等著，手裡拿著一把舊傘，甚麼也沒有說。",
        ]),
        Lang::Ja => (format!("夏の終わり{seed}"), |i| format!("第{}章　帰り道", ["一", "二", "三"][i]), &[
            "その年の夏は長く、町の人々は川がこんなに増えたことはないと言った。",
            "私たちは石畳の道を歩いて帰った。街灯がひとつずつ灯り、遠くで汽車の音が聞こえた。",
            "母は玄関で待っていた。古い傘を手に持って、何も言わなかった。",
        ]),
        Lang::En => (format!("The Long Rain {seed}"), |i| format!("Chapter {}: The Way Home", i + 1), &[
            "That year the rain went on for weeks, and the people of the town said the river had never risen so high.",
            "We walked home along the stone road while the lamps came on one by one and a train whistled far away.",
            "Mother was waiting at the door with an old umbrella in her hand, and she said nothing at all.",
        ]),
    };
    let mut s = format!("{title}\n\n");
    for c in 0..3 {
        s.push_str(&chapter(c));
        s.push_str("\n\n");
        for p in 0..4 {
            s.push_str(para[(p + seed + c) % para.len()]);
            s.push_str(para[(p + 1) % para.len()]);
            s.push_str("\n\n");
        }
    }
    s
}

fn encode(text: &str, enc: Enc) -> Vec<u8> {
    let legacy = |e: &'static encoding_rs::Encoding| {
        let (bytes, _, unmappable) = e.encode(text);
        assert!(!unmappable, "{text} is not representable in {}", e.name());
        bytes.into_owned()
    };
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Gbk => legacy(encoding_rs::GBK),
        Enc::Big5 => legacy(encoding_rs::BIG5),
        Enc::ShiftJis => legacy(encoding_rs::SHIFT_JIS),
        Enc::Utf16Le => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        Enc::Utf16Be => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bindery")).current_dir(dir).args(args).output().expect("run bindery")
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// A tiny valid PNG.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(4, 6, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The expected language tag, as the document model spells it.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Hans => "zh-Hans",
        Lang::Hant => "zh-Hant",
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

/// The generated collection: 20 good books and one PNG renamed `.txt`.
struct Collection {
    _dir: tempfile::TempDir,
    root: PathBuf,
    inputs: PathBuf,
    /// (output stem under OUT, language, expected title, expected first author)
    books: Vec<(String, Lang, String, Option<String>)>,
}

fn collection() -> Collection {
    let dir = tempdir();
    let root = dir.path().to_path_buf();
    let inputs = root.join("library");
    let plan: [(Lang, Enc); 20] = [
        (Lang::Hans, Enc::Utf8),
        (Lang::Hans, Enc::Gbk),
        (Lang::Hans, Enc::Gbk),
        (Lang::Hans, Enc::Utf16Le),
        (Lang::Hans, Enc::Utf16Be),
        (Lang::Hant, Enc::Big5),
        (Lang::Hant, Enc::Big5),
        (Lang::Hant, Enc::Utf8),
        (Lang::Hant, Enc::Utf16Le),
        (Lang::Ja, Enc::ShiftJis),
        (Lang::Ja, Enc::ShiftJis),
        (Lang::Ja, Enc::Utf8),
        (Lang::Ja, Enc::Utf16Le),
        (Lang::En, Enc::Utf8),
        (Lang::En, Enc::Utf8),
        (Lang::En, Enc::Utf16Le),
        (Lang::Hans, Enc::Gbk),
        (Lang::Ja, Enc::ShiftJis),
        (Lang::Hant, Enc::Big5),
        (Lang::En, Enc::Utf8),
    ];
    let mut books = Vec::new();
    for (i, (lang, enc)) in plan.into_iter().enumerate() {
        let text = book_text(lang, i);
        let text_title = text.lines().next().unwrap().to_string();
        // A few file names carry metadata; the rest are plain and the text's title stands.
        let (stem, title, author) = match i {
            1 => ("《山城》作者：林远".to_string(), "山城".to_string(), Some("林远".to_string())),
            9 => ("夏の終わり - 夏目漱石".to_string(), "夏の終わり".to_string(), Some("夏目漱石".to_string())),
            13 => (
                "Jane Austen - The Long Rain".to_string(),
                "The Long Rain".to_string(),
                Some("Jane Austen".to_string()),
            ),
            // Whether the first line is taken as the title is the structure stage's call; else the stem is.
            _ => (format!("book{i:02}-{enc:?}").to_lowercase(), text_title, None),
        };
        let folder = match lang {
            Lang::Hans => "zh/hans",
            Lang::Hant => "zh/hant",
            Lang::Ja => "ja",
            Lang::En => "en",
        };
        write(&inputs.join(folder).join(format!("{stem}.txt")), &encode(&text, enc));
        books.push((format!("{folder}/{stem}"), lang, title, author));
    }
    write(&inputs.join("broken.txt"), &png());
    Collection { _dir: dir, root, inputs, books }
}

#[test]
fn a_mixed_collection_converts_in_parallel_and_reruns_skip() {
    let c = collection();
    let out = c.root.join("out");
    let (inp, outs) = (c.inputs.to_str().unwrap(), out.to_str().unwrap());
    let o = bindery(&["convert", inp, "--recursive", "--jobs", "2", "--to", "epub,json", "-o", outs]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(5), "one broken input makes a partial batch: {err}");
    // Not a terminal: one log line per input, then the summary and the failure.
    assert_eq!(err.lines().filter(|l| l.contains("] converted ")).count(), 20, "{err}");
    assert!(err.contains("[ 1/21]") || err.contains("[1/21]") || err.contains("/21] "), "{err}");
    assert!(err.contains("bindery: 20 converted, 0 skipped (unchanged), 1 failed in "), "{err}");
    assert!(err.contains("with 2 jobs"), "{err}");
    assert!(err.contains("bindery: failed: ") && err.contains("broken.txt looks like a PNG image, not text"), "{err}");
    // The generated books have no title line: the only warnings name the fallback title.
    assert!(err.lines().filter(|l| l.contains("warning")).all(|l| l.contains("no title found in the text")), "{err}");

    for (book, lang, title, author) in &c.books {
        let j = json(&out.join(format!("{book}.json")));
        let stem = book.rsplit('/').next().unwrap();
        if author.is_some() {
            assert_eq!(j["title"], title.as_str(), "{book}: the file name's title wins");
        } else {
            assert!(j["title"] == title.as_str() || j["title"] == stem, "{book}: title {}", j["title"]);
        }
        assert_eq!(j["language"], tag(*lang), "{book}");
        if let Some(a) = author {
            assert_eq!(j["authors"][0]["name"], a.as_str(), "{book}");
        }
        let text = serde_json::to_string(&j["blocks"]).unwrap();
        assert!(!text.contains('\u{FFFD}'), "{book}: replacement characters");
        let headings = j["blocks"].as_array().unwrap().iter().filter(|b| b["type"] == "heading").count();
        assert!(headings >= 3, "{book}: {headings} headings in {}", j["blocks"]);
        let epub = std::fs::read(out.join(format!("{book}.epub"))).unwrap();
        assert!(epub.starts_with(b"PK"), "{book}.epub is a ZIP");
    }
    assert!(!out.join("broken.epub").exists() && !out.join("broken.json").exists());
    assert!(!std::fs::read_dir(&out).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".part")));

    // Rerun unchanged with --skip-existing: nothing converted; the broken file still fails.
    let o = bindery(&["convert", inp, "-r", "--jobs", "2", "--to", "epub,json", "-o", outs, "--skip-existing"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(err.contains("bindery: 0 converted, 20 skipped (unchanged), 1 failed"), "{err}");

    // Without the broken file, a rerun says there is nothing to do and succeeds.
    std::fs::remove_file(c.inputs.join("broken.txt")).unwrap();
    let o = bindery(&["convert", inp, "-r", "--to", "epub,json", "-o", outs, "--skip-existing"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("bindery: nothing to do: all 20 inputs unchanged since the last run"), "{err}");

    // A changed input, or changed options, converts again.
    let (book, ..) = &c.books[0];
    let changed = c.inputs.join(format!("{book}.txt"));
    let mut bytes = std::fs::read(&changed).unwrap();
    bytes.extend_from_slice("又是一年。\n".as_bytes());
    std::fs::write(&changed, bytes).unwrap();
    let o = bindery(&["convert", inp, "-r", "--to", "epub,json", "-o", outs, "--skip-existing"]);
    assert!(stderr(&o).contains("bindery: 1 converted, 19 skipped (unchanged), 0 failed"), "{}", stderr(&o));
    let o = bindery(&["convert", inp, "-r", "--to", "json", "-o", outs, "--skip-existing", "--quiet"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).is_empty(), "--quiet prints nothing: {}", stderr(&o));
}

#[test]
fn metadata_precedence_cli_file_sidecar_folder_sidecar_file_name_text() {
    let dir = tempdir();
    let books = dir.path().join("books");
    write(&books.join("[Rain 03] Jane Doe - The Long Rain.txt"), book_text(Lang::En, 1).as_bytes());
    write(&books.join("《山城》作者：林远.txt"), book_text(Lang::Hans, 2).as_bytes());
    write(&books.join("plain.txt"), book_text(Lang::Ja, 3).as_bytes());
    write(&books.join("covers/c.png"), &png());
    // The folder sidecar: tags and a publisher for all, a series the file name's beats.
    write(
        &books.join("bindery.toml"),
        "tags = [\"fiction\", \"rain\"]\npublisher = \"Folder Press\"\ndescription = \"from the folder\"\n".as_bytes(),
    );
    // Per-file sidecars: over the folder's, under the command line.
    write(&books.join("《山城》作者：林远.toml"), "authors = [\"林远\", \"陈默\"]\nseries = \"山城三部曲\"\nseries_index = 2\npublisher = \"File Press\"\ncover = \"covers/c.png\"\n".as_bytes());
    write(&books.join("plain.toml"), "title = \"夏の本\"\ndate = 2001-05-06\n".as_bytes());
    let out = dir.path().join("out");
    let o = bindery(&[
        "convert",
        books.to_str().unwrap(),
        "--to",
        "epub,json",
        "--opf",
        "-o",
        out.to_str().unwrap(),
        "--description",
        "from the command line",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let opf = |name: &str| std::fs::read_to_string(out.join(format!("{name}.opf"))).unwrap();
    let en = opf("[Rain 03] Jane Doe - The Long Rain");
    assert!(en.contains("<dc:title>The Long Rain</dc:title>"), "{en}");
    assert!(en.contains(r#"<dc:creator opf:role="aut">Jane Doe</dc:creator>"#), "{en}");
    assert!(en.contains(r#"<meta name="calibre:series" content="Rain"/>"#), "{en}");
    assert!(en.contains(r#"<meta name="calibre:series_index" content="3"/>"#), "{en}");
    assert!(en.contains("<dc:publisher>Folder Press</dc:publisher>"), "{en}");
    assert!(en.contains("<dc:subject>rain</dc:subject>"), "{en}");
    assert!(en.contains("<dc:description>from the command line</dc:description>"), "{en}");

    let zh = opf("《山城》作者：林远");
    assert!(zh.contains("<dc:title>山城</dc:title>"), "{zh}");
    assert!(zh.contains(r#"<dc:creator opf:role="aut">陈默</dc:creator>"#), "{zh}");
    assert!(zh.contains(r#"<meta name="calibre:series" content="山城三部曲"/>"#), "{zh}");
    assert!(zh.contains("<dc:publisher>File Press</dc:publisher>"), "{zh}");
    assert!(zh.contains("<dc:language>zh-Hans</dc:language>"), "{zh}");

    let ja = opf("plain");
    assert!(ja.contains("<dc:title>夏の本</dc:title>"), "{ja}");
    assert!(ja.contains("<dc:date>2001-05-06</dc:date>"), "{ja}");
    assert!(ja.contains("<dc:language>ja</dc:language>"), "{ja}");

    // The OPF and the EPUB name the same book.
    for name in ["plain", "《山城》作者：林远"] {
        let package = epub_package(&out.join(format!("{name}.epub")));
        let id = opf(name)
            .split("<dc:identifier")
            .nth(1)
            .unwrap()
            .split('>')
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string();
        assert!(package.contains(&id), "{name}: OPF identifier {id} not in the EPUB package");
    }
    // The sidecar's cover (relative to the sidecar) is the EPUB's cover.
    assert!(epub_names(&out.join("《山城》作者：林远.epub"))
        .iter()
        .any(|n| n.contains("cover") && (n.ends_with(".jpg") || n.ends_with(".png"))));

    // A broken sidecar fails its input only, naming the sidecar.
    write(&books.join("plain.toml"), b"titel = \"typo\"\n");
    let o = bindery(&["convert", books.to_str().unwrap(), "--to", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("plain.toml: not a valid sidecar"), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 converted"), "{}", stderr(&o));
}

fn epub_names(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names().map(str::to_string).collect()
}

fn epub_package(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let name = zip.file_names().find(|n| n.ends_with(".opf")).unwrap().to_string();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn glob_patterns_mirror_the_tree_below_the_pattern() {
    let dir = tempdir();
    write(&dir.path().join("in/a/one.txt"), book_text(Lang::En, 1).as_bytes());
    write(&dir.path().join("in/b/two.txt"), book_text(Lang::Hans, 2).as_bytes());
    write(&dir.path().join("in/b/notes.toml"), b"title = \"x\"\n");
    let o = run_in(dir.path(), &["convert", "in/*/*.txt", "--to", "json", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("out/a/one.json").exists() && dir.path().join("out/b/two.json").exists());
    let o = run_in(dir.path(), &["convert", "in/*/*.md", "--to", "json", "-o", "out"]);
    assert_eq!(o.status.code(), Some(3), "a pattern matching nothing is an input error: {}", stderr(&o));
    assert!(stderr(&o).contains("no .txt, .md or .pdf file matches"), "{}", stderr(&o));
}

#[test]
fn single_input_keeps_its_exit_codes() {
    let dir = tempdir();
    write(&dir.path().join("cover.txt"), &png());
    let o = run_in(dir.path(), &["convert", "cover.txt", "--to", "json", "-o", "out"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(stderr(&o).trim(), "bindery: cover.txt looks like a PNG image, not text");
    let o = run_in(dir.path(), &["convert", "missing.txt", "--to", "json"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let help = String::from_utf8_lossy(&bindery(&["convert", "--help"]).stdout).into_owned();
    assert!(help.contains("5  a batch ran but some of its inputs failed"), "{help}");
}

#[test]
fn markdown_inputs_load_images_and_a_relative_cover() {
    let dir = tempdir();
    write(&dir.path().join("src/img/fig.png"), &png());
    write(&dir.path().join("src/img/cover.png"), &png());
    write(
        &dir.path().join("src/book.md"),
        "---\ntitle: 图册\ncover: img/cover.png\n---\n\n# 第一章\n\n正文。\n\n![图一](img/fig.png)\n".as_bytes(),
    );
    // Run from elsewhere: both paths are relative to the Markdown file.
    let o = run_in(dir.path(), &["convert", "src/book.md", "--to", "epub", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names = epub_names(&dir.path().join("out/book.epub"));
    assert!(names.iter().filter(|n| n.ends_with(".png") || n.ends_with(".jpg")).count() >= 2, "{names:?}");
}

#[test]
fn inspect_batch_lists_every_input() {
    let c = collection();
    let o = bindery(&["inspect", "--batch", "-r", c.inputs.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(5), "{table}");
    assert!(table.lines().next().unwrap().starts_with("status   encoding"), "{table}");
    assert!(table.contains("21 inputs: 20 readable, 1 failed"), "{table}");
    for enc in ["GBK", "Big5", "Shift_JIS", "UTF-16LE", "UTF-16BE", "UTF-8"] {
        // `check`: read well, with a warning (these books have no title line).
        let read = |l: &&str| l.starts_with("ok") || l.starts_with("check");
        assert!(table.lines().any(|l| read(&l) && l.contains(enc)), "{enc} missing:\n{table}");
    }
    assert!(
        table.lines().any(|l| l.starts_with("FAILED") && l.contains("broken.txt looks like a PNG image")),
        "{table}"
    );
}

#[test]
fn calibre_missing_is_a_clear_usage_error() {
    let dir = tempdir();
    write(&dir.path().join("a.txt"), book_text(Lang::En, 1).as_bytes());
    let o = Command::new(env!("CARGO_BIN_EXE_bindery"))
        .env("PATH", dir.path())
        .args([
            "convert",
            dir.path().join("a.txt").to_str().unwrap(),
            "--calibre-library",
            dir.path().join("lib").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("calibredb not found"), "{}", stderr(&o));
    assert!(!dir.path().join("a.epub").exists());
}

#[test]
fn calibre_library_gets_both_formats_of_each_book() {
    if !tool("calibredb") {
        return;
    }
    let dir = tempdir();
    let books = dir.path().join("books");
    write(&books.join("[Rain 02] Jane Doe - The Long Rain.txt"), book_text(Lang::En, 1).as_bytes());
    write(&books.join("《山城》作者：林远.txt"), book_text(Lang::Hans, 2).as_bytes());
    write(
        &books.join("《山城》作者：林远.toml"),
        "tags = [\"小说\", \"雨\"]\nseries = \"山城\"\nseries_index = 1\n".as_bytes(),
    );
    let lib = dir.path().join("Calibre Library");
    let out = dir.path().join("out");
    let o = bindery(&[
        "convert",
        books.to_str().unwrap(),
        "--to",
        "epub,pdf",
        "-o",
        out.to_str().unwrap(),
        "--calibre-library",
        lib.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 added to Calibre"), "{}", stderr(&o));
    let list = Command::new("calibredb")
        .args([
            "list",
            "--library-path",
            lib.to_str().unwrap(),
            "--fields",
            "title,authors,series,series_index,languages,tags,formats",
            "--for-machine",
        ])
        .output()
        .unwrap();
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    let books: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(books.len(), 2, "{books:?}");
    let find =
        |title: &str| books.iter().find(|b| b["title"] == title).unwrap_or_else(|| panic!("{title} not in {books:?}"));
    let formats = |b: &serde_json::Value| {
        let mut f: Vec<String> = b["formats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().rsplit('.').next().unwrap().to_string())
            .collect();
        f.sort();
        f
    };
    let en = find("The Long Rain");
    assert_eq!(en["authors"], "Jane Doe");
    assert_eq!(en["series"], "Rain");
    assert_eq!(en["series_index"], 2.0);
    assert_eq!(en["languages"], serde_json::json!(["eng"]));
    assert_eq!(formats(en), ["epub", "pdf"]);
    let zh = find("山城");
    assert_eq!(zh["authors"], "林远");
    assert_eq!(zh["series"], "山城");
    assert_eq!(zh["languages"], serde_json::json!(["zho"]));
    assert_eq!(zh["tags"], serde_json::json!(["小说", "雨"]));
    assert_eq!(formats(zh), ["epub", "pdf"]);
}
