//! Job arrays (issue 19): a list sharded over concurrent worker processes
//! converts every book exactly once, byte-identical to one unsharded run, and
//! a worker killed with SIGKILL resumes from its done-markers. The deploy/
//! files (Kubernetes Indexed Job, Slurm array, GNU parallel) are run as
//! written, with the job array's environment simulated.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EPOCH: &str = "1700000000";

/// `n` small books in `root/lib/{zh,en,ja}/`, and the list naming them
/// (every fifth as a JSON line with its own title and author).
fn library(root: &Path, n: usize) -> PathBuf {
    let mut list = String::new();
    for i in 0..n {
        let (lang, text) = match i % 3 {
            0 => ("zh", format!("第一章 出发\n\n这是第{i}本书的第一段，雨下了一整夜。\n\n第二章 归来\n\n天亮以后，他回到了城里。\n")),
            1 => ("en", format!("Chapter 1\n\nBook {i} begins on a rainy night.\n\nChapter 2\n\nIn the morning he came back.\n")),
            _ => ("ja", format!("第一章 出発\n\nこれは{i}冊目の本です。雨が一晩中降っていた。\n\n第二章 帰還\n\n朝になって、彼は町に戻った。\n")),
        };
        let rel = format!("lib/{lang}/book{i:03}.txt");
        std::fs::create_dir_all(root.join(format!("lib/{lang}"))).unwrap();
        std::fs::write(root.join(&rel), text).unwrap();
        if i % 5 == 0 {
            list.push_str(&format!("{{\"input\": \"{rel}\", \"title\": \"书{i}\", \"author\": \"作者{i}\"}}\n"));
        } else {
            list.push_str(&rel);
            list.push('\n');
        }
    }
    let path = root.join("list.txt");
    std::fs::write(&path, list).unwrap();
    path
}

fn bindery_in(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bindery"));
    c.args(args).current_dir(dir).env("SOURCE_DATE_EPOCH", EPOCH).stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

/// One shard's worker: `--shard K/N` into `out`, appending to `results`.
fn worker(dir: &Path, shard: &str, out: &str, results: &str) -> Child {
    let args = ["convert", "--inputs-from", "list.txt", "--shard", shard, "-o", out, "--to", "epub,pdf"];
    let mut c = bindery_in(dir, &args);
    c.args(["--skip-existing", "--results", results, "-q", "-j", "1"]);
    c.spawn().expect("start a worker")
}

fn wait_ok(child: Child) {
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "worker failed: {}", common::stderr(&out));
}

/// Every file under `dir` (relative path → bytes), results logs left out.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_none_or(|x| x != "jsonl") {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The results log's lines as (input, status, shard).
fn results(path: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("input"), s("status"), s("shard"))
        })
        .collect()
}

fn listed_inputs(list: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(list)
        .unwrap()
        .lines()
        .map(|l| match l.strip_prefix("{\"input\": \"") {
            Some(rest) => rest.split('"').next().unwrap().to_string(),
            None => l.to_string(),
        })
        .collect()
}

fn assert_same_tree(reference: &BTreeMap<PathBuf, Vec<u8>>, got: &BTreeMap<PathBuf, Vec<u8>>) {
    let (a, b): (BTreeSet<_>, BTreeSet<_>) = (reference.keys().collect(), got.keys().collect());
    assert_eq!(a.difference(&b).count() + b.difference(&a).count(), 0, "missing {:?}, extra {:?}", &a - &b, &b - &a);
    for (path, bytes) in reference {
        assert!(got[path] == *bytes, "{} differs from the unsharded run", path.display());
    }
}

#[test]
fn two_hundred_books_over_four_workers_once_each_identical_and_resumable_after_kill_9() {
    let started = Instant::now();
    let tmp = common::tempdir();
    let dir = tmp.path();
    let list = library(dir, 200);
    let inputs = listed_inputs(&list);
    assert_eq!(inputs.len(), 200);

    // One unsharded run is the reference.
    let one = bindery_in(dir, &["convert", "--inputs-from", "list.txt", "-o", "one", "--to", "epub,pdf", "-q"])
        .output()
        .unwrap();
    assert!(one.status.success(), "{}", common::stderr(&one));
    let reference = tree(&dir.join("one"));
    assert_eq!(reference.keys().filter(|p| p.extension().is_some_and(|e| e == "pdf")).count(), 200);

    // Four workers at once, one shared results file.
    let workers: Vec<Child> = (0..4).map(|k| worker(dir, &format!("{k}/4"), "sharded", "sharded.jsonl")).collect();
    workers.into_iter().for_each(wait_ok);
    let lines = results(&dir.join("sharded.jsonl"));
    assert_eq!(lines.len(), 200, "one line per book");
    let converted: BTreeSet<String> = lines.iter().filter(|l| l.1 == "converted").map(|l| l.0.clone()).collect();
    assert_eq!(converted, inputs, "every book converted, none twice");
    let per_shard: BTreeSet<&str> = lines.iter().map(|l| l.2.as_str()).collect();
    assert_eq!(per_shard.len(), 4, "every shard had books: {per_shard:?}");
    assert_same_tree(&reference, &tree(&dir.join("sharded")));

    // Again, and kill -9 worker 1 once it has finished a few books.
    let mut workers: Vec<Child> = (0..4).map(|k| worker(dir, &format!("{k}/4"), "killed", "killed.jsonl")).collect();
    let log = dir.join("killed.jsonl");
    let deadline = Instant::now() + Duration::from_secs(120);
    // Counted from the text: a line being appended may be read half-written.
    let finished_by_1 = || std::fs::read_to_string(&log).unwrap_or_default().matches("\"shard\":\"1/4\"}\n").count();
    while finished_by_1() < 5 {
        assert!(Instant::now() < deadline, "worker 1 made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    workers[1].kill().unwrap(); // SIGKILL
    let status = workers.remove(1).wait().unwrap();
    workers.into_iter().for_each(wait_ok);
    let before_rerun = results(&log);
    let done_before: BTreeSet<String> =
        before_rerun.iter().filter(|l| l.2 == "1/4" && l.1 == "converted").map(|l| l.0.clone()).collect();
    let shard_1: BTreeSet<String> = lines.iter().filter(|l| l.2 == "1/4").map(|l| l.0.clone()).collect();
    eprintln!("worker 1 killed ({status}) after {} of its {} books", done_before.len(), shard_1.len());

    wait_ok(worker(dir, "1/4", "killed", "killed.jsonl"));
    let rerun = &results(&log)[before_rerun.len()..];
    let rerun_inputs: Vec<&String> = rerun.iter().map(|l| &l.0).collect();
    assert_eq!(rerun_inputs.len(), shard_1.len(), "the rerun reports each of its books once");
    assert_eq!(rerun_inputs.iter().map(|s| (*s).clone()).collect::<BTreeSet<_>>(), shard_1);
    for (input, status, _) in rerun {
        if done_before.contains(input) {
            assert_eq!(status, "skipped", "{input} was finished before the kill and is not converted again");
        } else {
            assert!(status == "converted" || status == "skipped", "{input}: {status}");
        }
    }
    let all = results(&log);
    for input in &inputs {
        let n = all.iter().filter(|l| &l.0 == input && l.1 == "converted").count();
        assert!(n <= 1, "{input} converted {n} times");
    }
    let got = tree(&dir.join("killed"));
    let parts: Vec<_> = got.keys().filter(|p| p.to_string_lossy().ends_with(".part")).collect();
    assert!(parts.is_empty(), "temporary files left: {parts:?}");
    assert_same_tree(&reference, &got);
    eprintln!("200 books, 4 workers, twice, with a kill: {:.1} s", started.elapsed().as_secs_f64());
}

/// Runs `script` (a shell command line) once per shard at the same time,
/// with `env(k)` for shard `k`, bindery on the PATH, in `dir`.
fn run_shards(dir: &Path, script: &str, shards: usize, env: impl Fn(usize) -> Vec<(String, String)>) {
    let bin = Path::new(env!("CARGO_BIN_EXE_bindery")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let children: Vec<Child> = (0..shards)
        .map(|k| {
            Command::new("sh")
                .args(["-c", script])
                .current_dir(dir)
                .env("PATH", &path)
                .env("SOURCE_DATE_EPOCH", EPOCH)
                .envs(env(k))
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children.into_iter().for_each(wait_ok);
}

/// Every listed book has its EPUB and PDF under `out`, and the results files
/// report each converted exactly once.
fn assert_each_book_once(dir: &Path, out: &str) {
    let inputs = listed_inputs(&dir.join("list.txt"));
    let mut converted = BTreeMap::<String, usize>::new();
    for e in std::fs::read_dir(dir.join(out)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            for (input, status, _) in results(&p) {
                assert_eq!(status, "converted", "{input}");
                *converted.entry(input).or_default() += 1;
            }
        }
    }
    assert_eq!(converted.keys().cloned().collect::<BTreeSet<_>>(), inputs);
    assert!(converted.values().all(|&n| n == 1), "{converted:?}");
    for input in &inputs {
        let book = dir.join(out).join(input.trim_end_matches(".txt"));
        for ext in ["epub", "pdf"] {
            assert!(book.with_extension(ext).is_file(), "{} has no {ext}", input);
        }
    }
}

#[test]
fn the_kubernetes_indexed_job_converts_each_book_once() {
    let yaml = std::fs::read_to_string(common::root().join("deploy/kubernetes-indexed-job.yaml")).unwrap();
    let job: serde_json::Value = serde_norway::from_str(&yaml).unwrap();
    assert_eq!(job["kind"], "Job");
    assert_eq!(job["spec"]["completionMode"], "Indexed");
    let completions = job["spec"]["completions"].as_u64().unwrap() as usize;
    let container = &job["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["command"], serde_json::json!(["sh", "-c"]));
    let script = container["args"][0].as_str().unwrap();
    assert!(script.contains(&format!("--shard-count {completions}")), "{script}");
    let mount = container["workingDir"].as_str().unwrap();

    let tmp = common::tempdir();
    library(tmp.path(), 24);
    // The volume mounted at /library is the temporary folder.
    let script = script.replace(mount, &tmp.path().display().to_string());
    run_shards(tmp.path(), &script, completions, |k| vec![("JOB_COMPLETION_INDEX".into(), k.to_string())]);
    assert_each_book_once(tmp.path(), "books");
}

#[test]
fn the_slurm_array_script_converts_each_book_once() {
    let script = std::fs::read_to_string(common::root().join("deploy/slurm-array.sh")).unwrap();
    let array = script.lines().find_map(|l| l.strip_prefix("#SBATCH --array=")).expect("an --array line");
    let (min, max) = array.split_once('-').unwrap();
    let (min, max): (usize, usize) = (min.parse().unwrap(), max.parse().unwrap());
    let tmp = common::tempdir();
    library(tmp.path(), 24);
    let count = max - min + 1;
    run_shards(tmp.path(), &script, count, |k| {
        [("SLURM_ARRAY_TASK_ID", min + k), ("SLURM_ARRAY_TASK_MIN", min), ("SLURM_ARRAY_TASK_COUNT", count)]
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .to_vec()
    });
    assert_each_book_once(tmp.path(), "books");
}

#[test]
fn the_gnu_parallel_line_converts_each_book_once() {
    if !common::tool("parallel") {
        return;
    }
    let script = std::fs::read_to_string(common::root().join("deploy/parallel.sh")).unwrap();
    let tmp = common::tempdir();
    library(tmp.path(), 24);
    // GNU parallel prints a citation notice once per user unless told it was seen.
    std::fs::create_dir_all(tmp.path().join("home/.parallel")).unwrap();
    std::fs::write(tmp.path().join("home/.parallel/will-cite"), "").unwrap();
    let home = tmp.path().join("home").display().to_string();
    run_shards(tmp.path(), &script, 1, |_| vec![("HOME".into(), home.clone())]);
    assert_each_book_once(tmp.path(), "books");
}
