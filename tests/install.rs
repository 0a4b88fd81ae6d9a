//! Installing bindery as a user would, from what `scripts/` makes out of the
//! test binary (a release build would add minutes to CI and prove nothing more
//! about the layout):
//!
//! - the Debian package: built with `scripts/package-deb`, installed with
//!   `dpkg --root=TMP -i` into a clean temporary root whose package database
//!   is a copy of this machine's: dpkg checks `Depends` against what is really
//!   installed here and unpacks into TMP, and neither `/usr/bin` nor the
//!   machine's own database is touched (a plain `dpkg -i` would change the
//!   machine the tests run on, and needs root).
//! - the release archive: built with `scripts/release-archive`, its checksum
//!   verified, unpacked into a temporary folder.
//!
//! Each installed binary converts the sample from a folder outside the
//! checkout, with `BINDERY_FONT_DIR` unset, and `bindery fonts` shows the
//! bundled faces were found in the installed layout, not in the checkout.
//! Also here: the crate's package stays under crates.io's 10 MB, and the
//! declared rust-version is no older than any dependency's.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed: {}{}", common::stderr(&out), String::from_utf8_lossy(&out.stdout));
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Run an installed binary from `cwd` (outside the checkout), with no font folder set.
fn installed(binary: &Path, cwd: &Path, args: &[&str]) -> Output {
    run(Command::new(binary)
        .args(args)
        .current_dir(cwd)
        .env_remove("BINDERY_FONT_DIR")
        .env_remove("BINDERY_SYSTEM_FONT_DIRS")
        .env("SOURCE_DATE_EPOCH", "1700000000"))
}

/// The installed binary converts the sample, and its fonts come from `fonts_dir`.
fn converts_the_sample_with_fonts_from(binary: &Path, fonts_dir: &Path) {
    let work = common::tempdir();
    std::fs::copy(common::root().join("examples/sample/input.txt"), work.path().join("sample.txt")).unwrap();
    let report = stdout(&installed(binary, work.path(), &["fonts"]));
    let bundled: Vec<&str> = report.lines().skip(1).take(2).map(str::trim).collect();
    for (line, weight) in bundled.iter().zip(["Regular", "Bold"]) {
        let path = Path::new(line);
        assert_eq!(
            path.parent().map(|p| p.canonicalize().unwrap()),
            Some(fonts_dir.canonicalize().unwrap()),
            "{weight} face: {report}"
        );
    }
    installed(binary, work.path(), &["convert", "sample.txt", "-q"]);
    for out in ["sample.epub", "sample.pdf"] {
        let len = std::fs::metadata(work.path().join(out)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 10_000, "{out}: {len} bytes");
    }
    if common::tool("pdffonts") {
        let fonts = stdout(&run(Command::new("pdffonts").arg(work.path().join("sample.pdf"))));
        assert!(fonts.contains("NotoSerifCJKsc-Regular"), "{fonts}");
    }
}

/// The man pages and completions a package or archive carries are what the binary generates.
fn has_docs(man_dir: &Path, completions: &[PathBuf]) {
    for page in ["bindery.1", "bindery-convert.1", "bindery-inspect.1", "bindery-fonts.1"] {
        let plain = man_dir.join(page);
        let gz = man_dir.join(format!("{page}.gz"));
        assert!(plain.is_file() || gz.is_file(), "{} missing", plain.display());
    }
    for c in completions {
        let text = std::fs::read_to_string(c).unwrap_or_else(|e| panic!("{}: {e}", c.display()));
        assert!(text.contains("convert") && text.contains("out-dir"), "{}", c.display());
    }
    if common::tool("bash") {
        run(Command::new("bash").arg("-n").arg(&completions[0]));
    }
}

#[test]
fn the_debian_package_installs_and_converts_the_sample() {
    if !common::tool("dpkg-deb") || !common::tool("dpkg-shlibdeps") {
        return;
    }
    let out = common::tempdir();
    let deb = stdout(&run(Command::new(common::root().join("scripts/package-deb"))
        .arg(env!("CARGO_BIN_EXE_bindery"))
        .arg(out.path())
        .arg("none")));
    let deb = PathBuf::from(deb.trim());

    let depends = stdout(&run(Command::new("dpkg-deb").arg("--field").arg(&deb).arg("Depends")));
    assert!(depends.contains("libc6"), "{depends}");

    let root = common::tempdir();
    let r = root.path();
    let admin = r.join("var/lib/dpkg");
    for d in ["info", "updates"] {
        std::fs::create_dir_all(admin.join(d)).unwrap();
    }
    std::fs::copy("/var/lib/dpkg/status", admin.join("status")).expect("this machine's dpkg database");
    run(Command::new("dpkg")
        .arg(format!("--root={}", r.display()))
        .args(["--force-not-root", "--log=/dev/null", "-i"])
        .arg(&deb));
    let status = stdout(&run(Command::new("dpkg").arg(format!("--root={}", r.display())).args(["-s", "bindery"])));
    assert!(status.contains("Status: install ok installed"), "{status}");
    has_docs(
        &r.join("usr/share/man/man1"),
        &[
            r.join("usr/share/bash-completion/completions/bindery"),
            r.join("usr/share/zsh/vendor-completions/_bindery"),
            r.join("usr/share/fish/vendor_completions.d/bindery.fish"),
        ],
    );
    assert!(r.join("usr/share/doc/bindery/copyright").is_file());
    converts_the_sample_with_fonts_from(&r.join("usr/bin/bindery"), &r.join("usr/share/bindery/fonts"));
}

#[test]
fn the_release_archive_unpacks_anywhere_and_converts_the_sample() {
    if !common::tool("sha256sum") {
        return;
    }
    let out = common::tempdir();
    let archive = stdout(&run(Command::new(common::root().join("scripts/release-archive"))
        .arg(env!("CARGO_BIN_EXE_bindery"))
        .arg(out.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")));
    let archive = PathBuf::from(archive.trim());
    let name = archive.file_name().unwrap().to_str().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(name, format!("bindery-{version}-x86_64-unknown-linux-gnu.tar.gz"));
    run(Command::new("sha256sum").arg("-c").arg(format!("{name}.sha256")).current_dir(out.path()));

    let unpacked = common::tempdir();
    run(Command::new("tar").arg("-xzf").arg(&archive).arg("-C").arg(unpacked.path()));
    let dir = unpacked.path().join(name.trim_end_matches(".tar.gz"));
    for f in ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "fonts/OFL.txt"] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    has_docs(
        &dir.join("doc"),
        &[dir.join("complete/bindery.bash"), dir.join("complete/_bindery"), dir.join("complete/bindery.fish")],
    );
    converts_the_sample_with_fonts_from(&dir.join("bindery"), &dir.join("fonts"));
}

#[test]
fn the_crate_package_is_under_ten_megabytes_without_fonts_or_corpus() {
    let out = run(Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--locked"])
        .current_dir(common::root()));
    let files: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert!(files.iter().any(|f| f == "src/lib.rs") && files.iter().any(|f| f == "templates/epub/book.css"));
    assert!(files.iter().any(|f| f == "LICENSE-MIT") && files.iter().any(|f| f == "examples/library.rs"));
    for f in &files {
        assert!(!f.starts_with("fonts/") && !f.starts_with("corpus/") && !f.starts_with("tests/cases/"), "{f}");
    }
    // Files cargo writes itself (Cargo.toml.orig, .cargo_vcs_info.json) are a few KB.
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(common::root().join(f)).ok()).map(|m| m.len()).sum();
    assert!(bytes < 10_000_000, "the package's files add up to {bytes} bytes");
}

#[test]
fn rust_version_is_no_older_than_any_dependency_needs() {
    let out = run(Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(common::root()));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let parse = |v: &str| v.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).chain([0, 0]).take(3).collect::<Vec<_>>();
    let ours = parse(env!("CARGO_PKG_RUST_VERSION"));
    for p in meta["packages"].as_array().unwrap() {
        if let Some(v) = p["rust_version"].as_str() {
            assert!(
                parse(v) <= ours,
                "{} {} needs Rust {v}, Cargo.toml says {}",
                p["name"],
                p["version"],
                env!("CARGO_PKG_RUST_VERSION")
            );
        }
    }
}

#[test]
fn help_shows_examples_for_the_common_tasks_and_every_exit_code() {
    for args in [&["--help"][..], &["convert", "--help"]] {
        let text = stdout(&common::bindery(args));
        for line in [
            "bindery convert novel.txt",
            "bindery convert -r books/ -o out/",
            "--title '雨季手记' --author '林远' --lang zh-Hans",
            "bindery fonts",
            "6  no installed font covers a script",
        ] {
            assert!(text.contains(line), "{line} missing from bindery {args:?}");
        }
    }
}
