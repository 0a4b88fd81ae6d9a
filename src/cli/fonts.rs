//! `bindery fonts`: where the bundled faces are (or where they were looked
//! for), the system's font families with the scripts each covers, and the face
//! each script will be set in, so a missing font is found before a book fails.

use super::args::FontsArgs;
use bindery::fonts::{self, Needs, Origin, Region, Script, Scripts, Weight};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

pub fn run(args: &FontsArgs) -> anyhow::Result<i32> {
    let mut out = String::new();
    out.push_str("Bundled faces (Noto Serif CJK SC):\n");
    let bundled: Vec<_> = [Weight::Regular, Weight::Bold].into_iter().filter_map(fonts::find_bundled).collect();
    if bundled.is_empty() {
        let looked: Vec<String> = fonts::search_path().iter().map(|d| d.display().to_string()).collect();
        writeln!(out, "  not installed (looked in {})", looked.join(", "))?;
    }
    for choice in &bundled {
        writeln!(out, "  {}", choice.path.display())?;
    }

    let db = fonts::system_fonts();
    let from = match std::env::var_os("BINDERY_SYSTEM_FONT_DIRS") {
        Some(dirs) => format!("$BINDERY_SYSTEM_FONT_DIRS={}", dirs.to_string_lossy()),
        None => "fontconfig's folders".into(),
    };
    // Family → (weights, files, scripts covered by its faces).
    let mut families: BTreeMap<String, (Vec<u16>, Vec<PathBuf>, Scripts)> = BTreeMap::new();
    for face in db.faces() {
        let Some(path) = fonts::face_path(face) else { continue };
        let entry = families.entry(fonts::family_name(face).to_string()).or_default();
        entry.0.push(face.weight.0);
        entry.1.push(path.to_path_buf());
        let covered = fonts::coverage(path, face.index);
        entry.2 = Scripts::of_scripts(
            &Script::ALL.into_iter().filter(|s| entry.2.contains(*s) || covered.contains(*s)).collect::<Vec<_>>(),
        );
    }
    writeln!(out, "\nSystem fonts: {} faces in {} families ({from}):", db.len(), families.len())?;
    for (family, (mut weights, mut files, scripts)) in families {
        weights.sort_unstable();
        weights.dedup();
        files.sort();
        files.dedup();
        let weights: Vec<String> = weights.iter().map(u16::to_string).collect();
        let scripts: Vec<&str> = scripts.iter().map(short_name).collect();
        let scripts = if scripts.is_empty() { "-".to_string() } else { scripts.join(" ") };
        writeln!(out, "  {family:<28} {:<16} {scripts:<22} {}", weights.join(","), files[0].display())?;
    }

    let region = Region::of_language(&args.lang);
    writeln!(out, "\nFaces each script is set in (--lang {}):", args.lang)?;
    for script in Script::ALL {
        let needs = Needs { scripts: Scripts::of_scripts(&[script]), region };
        for weight in [Weight::Regular, Weight::Bold] {
            let label = if weight == Weight::Regular { script.name() } else { "" };
            let chosen = match fonts::choose(weight, &needs) {
                Ok(c) => {
                    let origin = if c.origin == Origin::Bundled { "bundled" } else { "system" };
                    format!("{} ({origin}) {} #{}", c.family, c.path.display(), c.index)
                }
                Err(e) => format!("none: {e}"),
            };
            writeln!(out, "  {label:<16} {:<7} {chosen}", format!("{weight:?}").to_lowercase())?;
        }
    }
    print!("{out}");
    Ok(0)
}

fn short_name(script: Script) -> &'static str {
    match script {
        Script::Han => "Han",
        Script::Kana => "Kana",
        Script::Hangul => "Hangul",
        Script::Latin => "Latin",
    }
}
