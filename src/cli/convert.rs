//! `bindery convert`: one input as before, or a batch run in parallel with
//! progress, a summary, a manifest for `--skip-existing`, OPF sidecars and
//! Calibre; as one worker of a job array, a shard of an input list with
//! done-markers and a results log. The file system and `calibredb` are touched here; what to write
//! and which arguments to pass come from `bindery::library`.

use super::args::{ConvertArgs, Format};
use super::inputs::{self, with_ext, Input};
use super::io::{self, display_name, read_input, same_file, say, write_atomically, ResultsLog};
use bindery::corrections::Corrections;
use bindery::error::{exit, Error};
use bindery::library::{self, BookResult, DoneMarker, Manifest, ManifestEntry};
use bindery::render::epub::{Epub, EpubOptions};
use bindery::render::json::Json;
use bindery::render::markdown::Markdown;
use bindery::render::pdf::Pdf;
use bindery::render::Renderer;
use bindery::{InputKind, Metadata, MetadataOverrides, Options};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What every input of one run shares.
struct Plan<'a> {
    args: &'a ConvertArgs,
    cli_meta: MetadataOverrides,
    cli_cover: Option<Vec<u8>>,
    epoch: Option<i64>,
    /// Everything besides the input and its metadata that shapes the outputs, for the content key.
    settings: String,
    /// The manifest as the run began, with `--skip-existing`.
    manifest: Option<Manifest>,
    /// Whether each finished book is recorded in the output folder's manifest.
    keep_manifest: bool,
    /// Whether each finished book gets a done-marker (a job array's worker):
    /// the manifest is rewritten whole per book under a lock, which at 10⁵
    /// books is quadratic and on network file systems unreliable; a marker
    /// per book is neither.
    markers: bool,
    /// `--results`: one line per input.
    results: Option<ResultsLog>,
    /// `K/N` for the results log when this run is one shard.
    shard: Option<String>,
}

/// One input done.
struct Done {
    outputs: Vec<PathBuf>,
    warnings: Vec<String>,
    metadata: Metadata,
    key: String,
    skipped: bool,
}

pub fn run(args: ConvertArgs) -> anyhow::Result<i32> {
    if args.output.is_some() && (args.inputs.len() != 1 || args.to.len() != 1) {
        return Err(Error::Usage("--output takes exactly one input and one --to format".into()).into());
    }
    let shard = args.jobs.shard(|name| std::env::var(name).ok()).map_err(Error::Usage)?;
    if args.output.is_some() && args.jobs.active() {
        return Err(Error::Usage("--output writes one book; a job array writes into --out-dir".into()).into());
    }
    if let Some(lib) = &args.batch.calibre_library {
        calibredb_available(lib)?;
    }
    // Usage errors first, before anything is read or written.
    let epoch = args.validate()?;
    let cli_meta = command_line_metadata(&args)?;
    let cli_cover = match &args.cover {
        Some(path) => Some(read_cover(path)?),
        None => None,
    };
    let settings = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}|{:?}",
        args.to,
        // The input cap refuses inputs; it never changes a book.
        super::args::InputArgs { max_input_bytes: 0, ..args.input.clone() },
        args.epub,
        args.pdf,
        args.writing,
        args.characters,
        args.no_report,
        args.batch.opf,
        epoch,
        cli_cover.as_deref().map(|c| library::content_key(c, "cover"))
    );
    let mut found = if args.inputs.is_empty() {
        inputs::Inputs { list: Vec::new(), batch: true }
    } else {
        inputs::expand(&args.inputs, args.batch.recursive, args.output.is_none().then_some(args.out_dir.as_path()))?
    };
    if let Some(list) = &args.jobs.inputs_from {
        found.list.extend(read_input_list(list, args.input.max_input_bytes)?);
    }
    // A job array's worker, or a run asked for its results as data, reports
    // as a batch whatever its number of inputs.
    found.batch |= args.jobs.active() || args.jobs.results.is_some();
    let markers = args.jobs.active() && args.output.is_none();
    let keep_manifest = (found.batch || args.batch.skip_existing) && args.output.is_none() && !markers;
    let results = args.jobs.results.as_deref().map(ResultsLog::open).transpose()?;
    let plan = Plan {
        args: &args,
        cli_meta,
        cli_cover,
        epoch,
        settings,
        manifest: args.batch.skip_existing.then(|| io::read_manifest(&args.out_dir.join(library::MANIFEST_NAME))),
        keep_manifest,
        markers,
        results,
        shard: shard.map(|s| format!("{}/{}", s.index, s.count)),
    };
    if !found.batch {
        let input = &found.list[0];
        // In the pool too: a PDF's chapters are set on its threads (`-j`).
        let done = pool(&args)?.install(|| finish_one(&plan, input))?;
        for w in &done.warnings {
            say(&format!("warning: {w}"));
        }
        if done.skipped {
            say(&format!("{} unchanged since the last run; skipped", input.path.display()));
        }
        for o in done.outputs.iter().filter(|_| !done.skipped) {
            say(&format!("wrote {}", o.display()));
        }
        if let (Some(lib), false) = (&args.batch.calibre_library, done.skipped) {
            let id = add_to_calibre(lib, &done)?;
            say(&calibre_message(&done, id));
        }
        return Ok(exit::OK);
    }
    // Clashes are found over the whole list, so every shard agrees on them.
    let mut jobs = with_clashes(found.list);
    if let Some(s) = shard {
        jobs.retain(|(i, _)| library::shard_of(i.path.as_os_str().as_encoded_bytes(), s.count) == s.index);
    }
    run_batch(&plan, jobs)
}

/// The inputs an `--inputs-from` list names (`-`: standard input).
fn read_input_list(list: &Path, cap: u64) -> Result<Vec<Input>, Error> {
    let bytes = read_input(list, cap)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Read {
        path: list.to_path_buf(),
        source: std::io::Error::other("an input list must be UTF-8 text"),
    })?;
    Ok(inputs::from_list(library::parse_input_list(&text, list)?))
}

/// Each input with the reason it may not be converted: two inputs that
/// would write the same books, the first one keeps them.
fn with_clashes(list: Vec<Input>) -> Vec<(Input, Option<String>)> {
    let mut seen = BTreeMap::new();
    list.into_iter()
        .map(|i| {
            let clash = seen
                .get(&i.book)
                .map(|first: &PathBuf| format!("its books would overwrite those of {}", first.display()));
            seen.entry(i.book.clone()).or_insert_with(|| i.path.clone());
            (i, clash)
        })
        .collect()
}

/// Convert one input and, when a manifest is kept, record it at once (under
/// the manifest's lock): a run killed later still knows what it finished.
fn finish_one(plan: &Plan, input: &Input) -> Result<Done, Error> {
    let done = convert_one(plan, input)?;
    let out_dir = &plan.args.out_dir;
    if plan.keep_manifest && !done.skipped {
        io::update_manifest(&out_dir.join(library::MANIFEST_NAME), |m| record(m, out_dir, input, &done))?;
    }
    if plan.markers && !done.skipped {
        let mut outputs = BTreeMap::new();
        for o in &done.outputs {
            let size = std::fs::metadata(o).map_err(|source| Error::Read { path: o.clone(), source })?.len();
            outputs.insert(relative_to(out_dir, o), size);
        }
        let marker = DoneMarker { key: done.key.clone(), outputs };
        write_atomically(&out_dir.join(library::done_marker_path(&input.book)), marker.to_json().as_bytes())?;
    }
    Ok(done)
}

/// `path` below the output folder, with `/` on every system.
fn relative_to(out_dir: &Path, path: &Path) -> String {
    path.strip_prefix(out_dir).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// The results log's line for one input.
fn result_line(plan: &Plan, input: &Input, result: &Result<Done, Error>, took: Duration) -> BookResult {
    let (status, outputs, warnings, key, error) = match result {
        Ok(d) => (
            if d.skipped { "skipped" } else { "converted" },
            d.outputs.iter().map(|o| o.display().to_string()).collect(),
            d.warnings.clone(),
            d.key.clone(),
            None,
        ),
        Err(e) => ("failed", vec![], vec![], String::new(), Some(e.to_string())),
    };
    BookResult {
        input: input.path.display().to_string(),
        status: status.into(),
        outputs,
        // Milliseconds are all a scheduler needs, and keep the lines short.
        seconds: (took.as_secs_f64() * 1000.0).round() / 1000.0,
        warnings,
        key,
        error,
        shard: plan.shard.clone(),
    }
}

/// The threads books are converted on and a PDF's chapters set on: `-j N`,
/// else one per CPU.
fn pool(args: &ConvertArgs) -> anyhow::Result<rayon::ThreadPool> {
    let threads = args
        .batch
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
        .max(1);
    Ok(rayon::ThreadPoolBuilder::new().num_threads(threads).build()?)
}

fn run_batch(plan: &Plan, jobs: Vec<(Input, Option<String>)>) -> anyhow::Result<i32> {
    let args = plan.args;
    let started = Instant::now();
    let total = jobs.len();
    let progress = Progress::new(total, args.batch.quiet);
    let pool = pool(args)?;
    let threads = pool.current_num_threads();
    let counter = AtomicUsize::new(0);
    let results: Vec<(Input, Result<Done, Error>)> = pool.install(|| {
        jobs.into_par_iter()
            .map(|(input, clash)| {
                let t = Instant::now();
                let mut result = match clash {
                    Some(why) => Err(Error::Usage(format!("{}: {why}", input.path.display()))),
                    None => finish_one(plan, &input),
                };
                if let Some(log) = &plan.results {
                    if let Err(e) = log.append(&result_line(plan, &input, &result, t.elapsed()).to_line()) {
                        result = Err(e);
                    }
                }
                let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
                progress.finished(n, total, &input, &result, t.elapsed());
                (input, result)
            })
            .collect()
    });
    let mut failed: Vec<(PathBuf, String)> = Vec::new();
    let (mut converted, mut skipped, mut added) = (0, 0, 0);
    for (input, result) in &results {
        match result {
            Ok(done) if done.skipped => skipped += 1,
            Ok(done) => {
                converted += 1;
                if let Some(lib) = &args.batch.calibre_library {
                    progress.message(&format!("adding {} to Calibre", input.path.display()));
                    match add_to_calibre(lib, done) {
                        Ok(id) => {
                            added += 1;
                            progress.line(&calibre_message(done, id));
                        }
                        Err(e) => failed.push((input.path.clone(), e.to_string())),
                    }
                }
            }
            Err(e) => failed.push((input.path.clone(), e.to_string())),
        }
    }
    progress.finish();
    if !args.batch.quiet {
        let elapsed = started.elapsed().as_secs_f64();
        if converted == 0 && failed.is_empty() && skipped > 0 {
            say(&format!("nothing to do: all {skipped} inputs unchanged since the last run ({elapsed:.1} s)"));
        } else {
            let calibre = if args.batch.calibre_library.is_some() {
                format!(", {added} added to Calibre")
            } else {
                String::new()
            };
            let shard = plan.shard.as_ref().map(|s| format!("shard {s}: ")).unwrap_or_default();
            say(&format!(
                "{shard}{converted} converted, {skipped} skipped (unchanged), {} failed{calibre} in {elapsed:.1} s with {threads} job{}",
                failed.len(),
                if threads == 1 { "" } else { "s" }
            ));
        }
    }
    failed.sort();
    for (path, why) in &failed {
        say(&format!("failed: {}", failure(path, why)));
    }
    Ok(if failed.is_empty() { exit::OK } else { exit::PARTIAL })
}

/// The command line's metadata: `--config` under the options typed, merged by
/// the one precedence ([`MetadataOverrides::layered`]).
fn command_line_metadata(args: &ConvertArgs) -> Result<MetadataOverrides, Error> {
    let config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.clone(), source })?;
            let mut m = toml::from_str::<MetadataOverrides>(&text)
                .map_err(|e| Error::Usage(format!("{}: {}", path.display(), e.message())))?;
            // A cover named in the config file is relative to it.
            if let Some(cover) = &m.cover {
                let dir = path.parent().unwrap_or(Path::new(""));
                m.cover = Some(library::resolve_relative(dir, cover).display().to_string());
            }
            m
        }
        None => MetadataOverrides::default(),
    };
    let typed = MetadataOverrides {
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        authors: args.authors.clone(),
        language: args.lang.clone(),
        identifier: args.identifier.clone(),
        date: args.date.clone(),
        publisher: args.publisher.clone(),
        description: args.description.clone(),
        subjects: args.subjects.clone(),
        series: args.series.clone(),
        series_index: args.series_index,
        cover: args.cover.as_ref().map(|c| c.display().to_string()),
    };
    Ok(MetadataOverrides::layered(&[&config, &typed]))
}

/// Metadata and corrections for `input` from its layers, lowest first: file
/// name, folder sidecar (`bindery.toml`), per-file sidecar (`NAME.toml`),
/// corrections file (`NAME.bindery.toml`), command line (with an input
/// list's line just below it). Corrections add up in that order; for
/// metadata the highest layer that sets a field wins.
pub(crate) fn input_settings(
    input: &Path,
    cli: &MetadataOverrides,
    cli_corrections: &Corrections,
) -> Result<(MetadataOverrides, Corrections), Error> {
    if input == Path::new("-") {
        return Ok((cli.clone(), cli_corrections.clone()));
    }
    let from_name =
        input.file_stem().and_then(|s| s.to_str()).map(library::metadata_from_file_name).unwrap_or_default();
    let dir = input.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let read = |path: &Path| -> Result<(MetadataOverrides, Corrections), Error> {
        if path == input {
            return Ok(Default::default());
        }
        match std::fs::read_to_string(path) {
            Ok(text) => library::parse_sidecar_with_corrections(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Default::default()),
            Err(source) => Err(Error::Read { path: path.to_path_buf(), source }),
        }
    };
    let (folder, mut corrections) = read(&dir.join(library::FOLDER_SIDECAR))?;
    let (file, file_corrections) = read(&library::sidecar_path(input))?;
    let (fixes, fixes_corrections) = read(&library::corrections_path(input))?;
    corrections.extend(&file_corrections);
    corrections.extend(&fixes_corrections);
    corrections.extend(cli_corrections);
    Ok((MetadataOverrides::layered(&[&from_name, &folder, &file, &fixes, cli]), corrections))
}

/// A cover's bytes, held to the same size, pixel and decoding checks as
/// body images whatever the formats asked for.
fn read_cover(path: &Path) -> Result<Vec<u8>, Error> {
    let cover = |e: Error| match e {
        Error::BadAsset { path, message } => Error::BadAsset { path, message: format!("cover image: {message}") },
        other => other,
    };
    let bytes = bindery::assets::read_limited(path).map_err(cover)?;
    bindery::assets::check_image(&bytes, path).map_err(cover)?;
    Ok(bytes)
}

/// Convert one input to every requested format (or find it unchanged).
fn convert_one(plan: &Plan, input: &Input) -> Result<Done, Error> {
    let args = plan.args;
    let bytes = read_input(&input.path, args.input.max_input_bytes)?;
    // An input list's line sits just below the command line, which all inputs share.
    let mut typed_corrections = input.listed_corrections.clone();
    typed_corrections.extend(&args.input.corrections());
    let typed = MetadataOverrides::layered(&[&input.listed, &plan.cli_meta]);
    let (metadata, corrections) = input_settings(&input.path, &typed, &typed_corrections)?;
    // A cover given on the command line was read once; one from a sidecar is read here.
    let cover = match (&args.cover, &metadata.cover) {
        (Some(_), _) => plan.cli_cover.clone(),
        (None, Some(path)) => Some(read_cover(Path::new(path))?),
        (None, None) => None,
    };
    let key = library::content_key(
        &bytes,
        &format!(
            "{}|{:?}|{:?}|{:?}",
            plan.settings,
            metadata,
            cover.as_deref().map(|c| library::content_key(c, "cover")),
            corrections.tally()
        ),
    );
    let book_in_manifest = input.book.to_string_lossy().replace('\\', "/");
    if let Some(outputs) = plan.manifest.as_ref().and_then(|m| m.fresh(&book_in_manifest, &key)) {
        let outputs: Vec<PathBuf> = outputs.iter().map(|o| args.out_dir.join(o)).collect();
        if outputs.iter().all(|o| o.exists()) {
            return Ok(Done { outputs, warnings: vec![], metadata: Metadata::default(), key, skipped: true });
        }
    }
    if plan.markers && args.batch.skip_existing {
        let marker = io::read_done_marker(&args.out_dir.join(library::done_marker_path(&input.book)));
        let size_now = |o: &str| std::fs::metadata(args.out_dir.join(o)).ok().map(|m| m.len());
        if let Some(m) = marker.filter(|m| m.vouches_for(&key, size_now)) {
            let outputs = m.outputs.keys().map(|o| args.out_dir.join(o)).collect();
            return Ok(Done { outputs, warnings: vec![], metadata: Metadata::default(), key, skipped: true });
        }
    }
    let kind = if args.input.markdown { InputKind::Markdown } else { InputKind::from_name(&display_name(&input.path)) };
    let options = Options {
        name: display_name(&input.path),
        kind,
        encoding: args.input.encoding.clone(),
        metadata,
        corrections,
        convert: args.characters.convert,
    };
    // The bytes go to the pipeline: UTF-8 input becomes its text without a copy.
    let mut conversion = bindery::convert_owned(bytes, &options)?;
    if args.epub.no_ruby {
        conversion.document.drop_ruby();
    }
    let mut warnings = std::mem::take(&mut conversion.report.warnings);
    let base = match input.path.parent() {
        Some(d) if input.path != Path::new("-") && !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if kind == InputKind::Markdown {
        warnings.extend(bindery::assets::load_images(&mut conversion.document, &base)?);
    }
    // A front-matter cover is relative to the Markdown file and, like its
    // images, may not leave its folder.
    let cover = match (cover, &conversion.document.metadata.cover) {
        (Some(c), _) => Some(c),
        (None, Some(rel)) => {
            let path = bindery::assets::resolve_inside(&base, rel)?;
            let bytes = read_cover(&path)?;
            conversion.document.metadata.cover = Some(path.display().to_string());
            Some(bytes)
        }
        (None, None) => None,
    };
    let doc = &conversion.document;
    let mut outputs = Vec::new();
    for format in &args.to {
        let renderer: Box<dyn Renderer> = match format {
            Format::Epub | Format::Kepub => Box::new(Epub {
                options: EpubOptions {
                    cover: cover.clone(),
                    source_date_epoch: plan.epoch,
                    embed_fonts: args.epub.embed_fonts,
                    contents_page: !args.epub.no_contents_page,
                    vertical: args.writing.vertical,
                    kepub: *format == Format::Kepub,
                },
            }),
            Format::Pdf => Box::new(Pdf { options: args.writing.pdf(args.pdf.options(plan.epoch)) }),
            Format::Json => Box::new(Json { with_report: !args.no_report }),
            Format::Md => Box::new(Markdown),
        };
        let target = match &args.output {
            Some(path) => path.clone(),
            None => args.out_dir.join(with_ext(&input.book, renderer.extension())),
        };
        if same_file(&input.path, &target) {
            return Err(Error::OutputIsInput { path: target });
        }
        io::check_target(&target)?;
        let rendered = if *format == Format::Pdf {
            // The typesetter's warnings (characters no font has) reach the user.
            let typeset = Pdf { options: args.writing.pdf(args.pdf.options(plan.epoch)) }.typeset(doc)?;
            warnings.extend(typeset.warnings);
            typeset.bytes
        } else if *format == Format::Md && kind != InputKind::Markdown && !doc.assets.is_empty() {
            let (linked, images) = markdown_assets(doc, &target);
            for (path, bytes) in images {
                write_atomically(&path, bytes)?;
                outputs.push(path);
            }
            renderer.render(&linked, &conversion.report)?
        } else {
            renderer.render(doc, &conversion.report)?
        };
        write_atomically(&target, &rendered)?;
        outputs.push(target);
    }
    if args.batch.opf && args.output.is_none() {
        let target = args.out_dir.join(with_ext(&input.book, "opf"));
        write_atomically(&target, library::calibre_opf(&doc.metadata, &library::book_identifier(doc)).as_bytes())?;
        outputs.push(target);
    }
    Ok(Done { outputs, warnings, metadata: doc.metadata.clone(), key, skipped: false })
}

/// `--to md` from a book whose images came out of the input itself (a PDF's
/// figures, `image-001.png`), which has no files of its own to link: the
/// images go to a folder beside the Markdown named after it (`book.md` →
/// `book.assets/image-001.png`) and the links point there. Returns the
/// document as linked and each image's path with its bytes. (A Markdown
/// input's images are the user's own files and keep their links.)
fn markdown_assets<'d>(doc: &'d bindery::Document, target: &Path) -> (bindery::Document, Vec<(PathBuf, &'d [u8])>) {
    let folder = target.with_extension("assets");
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Only a plain file name is written into the folder: never a path out of it.
    let plain = |src: &str| Path::new(src).file_name().is_some_and(|f| f == src);
    let images = doc
        .assets
        .iter()
        .filter(|(src, _)| plain(src))
        .map(|(src, bytes)| (folder.join(src), bytes.as_slice()))
        .collect();
    let blocks = doc
        .blocks
        .iter()
        .map(|b| match b {
            bindery::Block::Image { src, alt, title, text } if plain(src) && doc.assets.contains_key(src) => {
                bindery::Block::Image {
                    src: format!("{name}/{src}"),
                    alt: alt.clone(),
                    title: title.clone(),
                    text: text.clone(),
                }
            }
            other => other.clone(),
        })
        .collect();
    (bindery::Document { metadata: doc.metadata.clone(), blocks, assets: Default::default() }, images)
}

/// A failure naming its input once: bindery's errors mostly name it already.
fn failure(path: &Path, why: &str) -> String {
    let name = path.display().to_string();
    if why.contains(&name) {
        why.to_string()
    } else {
        format!("{name}: {why}")
    }
}

fn record(manifest: &mut Manifest, out_dir: &Path, input: &Input, done: &Done) {
    let rel = |p: &PathBuf| p.strip_prefix(out_dir).unwrap_or(p).to_string_lossy().replace('\\', "/");
    let book = input.book.to_string_lossy().replace('\\', "/");
    manifest
        .books
        .insert(book, ManifestEntry { key: done.key.clone(), outputs: done.outputs.iter().map(rel).collect() });
}

// ---------------------------------------------------------------------------
// Calibre
// ---------------------------------------------------------------------------

/// Fail before converting anything when `calibredb` cannot be run.
fn calibredb_available(library: &Path) -> Result<(), Error> {
    match Command::new("calibredb").arg("--version").output() {
        Ok(o) if o.status.success() => Ok(()),
        _ => Err(Error::Usage(format!(
            "--calibre-library {}: calibredb not found; install Calibre (e.g. apt-get install calibre) or leave the option out",
            library.display()
        ))),
    }
}

/// Add a converted book to the library: its EPUB (else its PDF) as a new
/// book, its other format to the same book. `None` when Calibre already has it.
fn add_to_calibre(library: &Path, done: &Done) -> Result<Option<u64>, Error> {
    let books: Vec<&PathBuf> =
        done.outputs.iter().filter(|p| p.extension().is_some_and(|e| e == "epub" || e == "pdf")).collect();
    let Some(first) = books.iter().find(|p| p.extension().is_some_and(|e| e == "epub")).or(books.first()) else {
        return Err(calibre_error(library, "--to has neither epub nor pdf: nothing to add"));
    };
    let out = calibredb(&library::calibredb_add_args(library, first, &done.metadata), library)?;
    let Some(&id) = library::parse_added_ids(&out).first() else { return Ok(None) };
    for other in books.iter().filter(|p| *p != first) {
        calibredb(&library::calibredb_add_format_args(library, id, other), library)?;
    }
    Ok(Some(id))
}

fn calibredb(args: &[std::ffi::OsString], library: &Path) -> Result<String, Error> {
    let o = Command::new("calibredb").args(args).output().map_err(|e| calibre_error(library, &e.to_string()))?;
    if !o.status.success() {
        let err = String::from_utf8_lossy(&o.stderr);
        let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("calibredb failed");
        return Err(calibre_error(library, last.trim()));
    }
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

fn calibre_error(library: &Path, message: &str) -> Error {
    Error::Write { path: library.to_path_buf(), source: std::io::Error::other(format!("calibredb: {message}")) }
}

fn calibre_message(done: &Done, id: Option<u64>) -> String {
    match id {
        Some(id) => format!("added \u{201c}{}\u{201d} to Calibre as book {id}", done.metadata.title),
        None => format!("\u{201c}{}\u{201d} is already in the Calibre library; not added again", done.metadata.title),
    }
}

// ---------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------

/// A bar on a terminal, a line per input otherwise, nothing but failures with `--quiet`.
enum Progress {
    Bar(ProgressBar),
    Log,
    Quiet,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        if quiet {
            return Progress::Quiet;
        }
        if !std::io::stderr().is_terminal() {
            return Progress::Log;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {elapsed} (eta {eta}) {wide_msg}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress::Bar(bar)
    }

    /// A line above the bar, or on its own.
    fn line(&self, s: &str) {
        match self {
            Progress::Bar(b) => b.println(format!("bindery: {}", io::terminal_safe(s))),
            Progress::Log => say(s),
            Progress::Quiet => {}
        }
    }

    fn message(&self, s: &str) {
        if let Progress::Bar(b) = self {
            b.set_message(io::terminal_safe(s).into_owned());
        }
    }

    fn finished(&self, n: usize, total: usize, input: &Input, result: &Result<Done, Error>, took: Duration) {
        let width = total.to_string().len();
        let name = input.path.display();
        match result {
            Ok(done) if done.skipped => {
                if let Progress::Log = self {
                    self.line(&format!("[{n:>width$}/{total}] skipped   {name} (unchanged)"));
                }
            }
            Ok(done) => {
                for w in &done.warnings {
                    self.line(&format!("warning: {w}"));
                }
                if let Progress::Log = self {
                    let outs: Vec<String> = done.outputs.iter().map(|o| o.display().to_string()).collect();
                    self.line(&format!(
                        "[{n:>width$}/{total}] converted {name} → {} ({:.1} s)",
                        outs.join(", "),
                        took.as_secs_f64()
                    ));
                }
            }
            Err(e) => match self {
                Progress::Quiet => {}
                _ => self.line(&format!("[{n:>width$}/{total}] FAILED    {}", failure(&input.path, &e.to_string()))),
            },
        }
        if let Progress::Bar(b) = self {
            b.set_message(io::terminal_safe(&name.to_string()).into_owned());
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Progress::Bar(b) = self {
            b.finish_and_clear();
        }
    }
}
