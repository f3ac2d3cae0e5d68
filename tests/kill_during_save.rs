//! Crash-safe saving, tested for real: a child process saves a large map again and again and is
//! SIGKILLed at random moments; the file on disk is always exactly the old or the new version.
//! Temporary files a killed save leaves behind are removed by the next save.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use teamscape::file;
use teamscape::generate::{GenerateOptions, generate};
use teamscape::model::Document;

/// Kills in a row that must all leave a whole map on disk.
const KILLS: usize = 200;
/// Large enough that a save takes a few milliseconds, so kills land inside writes too.
const TEAMS: usize = 2_000;
/// The longest a kill waits after the child's first save, in save durations: a few save cycles.
const MAX_KILL_DELAY_SAVES: u32 = 3;

/// The two versions the child alternates between: same size, different contents.
fn versions() -> [Document; 2] {
    [1, 2].map(|seed| {
        generate(GenerateOptions {
            teams: TEAMS,
            links: TEAMS * 3 / 2,
            seed,
        })
    })
}

/// The temporary files next to `map` that a save of it creates (`.{name}.*.tmp`).
fn temporaries_of(map: &Path) -> Vec<PathBuf> {
    let name = map.file_name().expect("file name").to_string_lossy();
    let prefix = format!(".{name}.");
    let dir = map.parent().expect("folder");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp"))
        })
        .collect();
    found.sort();
    found
}

/// Runs in a child process: saves the two versions in turn, forever, and says when the first
/// save has landed and how long it took (in microseconds). The parent kills it.
#[test]
#[ignore = "run by every_kill_during_save_leaves_the_old_or_the_new_map in a child process"]
fn child_saves_forever() {
    let (Some(map), Some(ready)) = (
        std::env::var_os("TEAMSCAPE_SAVE_LOOP_MAP"),
        std::env::var_os("TEAMSCAPE_SAVE_LOOP_READY"),
    ) else {
        return;
    };
    let map = PathBuf::from(map);
    let docs = versions();
    for round in 0_usize.. {
        let start = Instant::now();
        file::save(&docs[round % 2], &map).expect("child saves");
        if round == 0 {
            let took_us = start.elapsed().as_micros().to_string();
            file::write_atomically(Path::new(&ready), took_us.as_bytes()).expect("ready marker");
        }
    }
}

fn spawn_saver(map: &Path, ready: &Path) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child_saves_forever", "--ignored", "--nocapture"])
        .env("TEAMSCAPE_SAVE_LOOP_MAP", map)
        .env("TEAMSCAPE_SAVE_LOOP_READY", ready)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts")
}

/// Waits for the child's first save and returns how long it took.
fn wait_for(ready: &Path, child: &mut Child) -> Duration {
    let start = Instant::now();
    loop {
        // A marker still being written reads as no number yet.
        let took_us = std::fs::read_to_string(ready).map(|text| text.parse::<u64>());
        if let Ok(Ok(took_us)) = took_us {
            return Duration::from_micros(took_us);
        }
        if let Some(status) = child.try_wait().expect("child status") {
            panic!("the saving child exited on its own: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the child did not save within a minute"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn every_kill_during_save_leaves_the_old_or_the_new_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("org.ron");
    let ready = dir.path().join("ready");
    let docs = versions();
    let texts = docs.each_ref().map(file::to_string);
    assert_ne!(texts[0], texts[1], "the two versions must differ");

    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut seen = [0_usize; 2];
    let mut leftovers_seen = 0;
    let mut slowest_save = Duration::ZERO;
    let start = Instant::now();
    for kill in 1..=KILLS {
        let _ = std::fs::remove_file(&ready);
        let mut child = spawn_saver(&map, &ready);
        let save_took = wait_for(&ready, &mut child);
        slowest_save = slowest_save.max(save_took);
        let max_delay = save_took * MAX_KILL_DELAY_SAVES;
        std::thread::sleep(max_delay.mul_f64(rng.f64()));
        // SIGKILL: no destructors, no flushing, the save stops wherever it is.
        child.kill().expect("kill");
        child.wait().expect("reaped");

        let bytes = std::fs::read(&map).expect("the map is still there");
        let Some(version) = texts.iter().position(|t| t.as_bytes() == bytes) else {
            panic!(
                "kill {kill} (seed {seed}) left a map that is neither version: {} bytes",
                bytes.len()
            );
        };
        let loaded = file::load(&map).expect("the map on disk loads");
        assert!(loaded == docs[version], "kill {kill}: loads as another map");
        seen[version] += 1;
        if !temporaries_of(&map).is_empty() {
            leftovers_seen += 1;
        }
    }
    eprintln!(
        "{KILLS} kills in {:.1} s (seed {seed}): version 1 on disk {} times, version 2 {} times, \
         a temporary file left behind {leftovers_seen} times; slowest first save {} ms",
        start.elapsed().as_secs_f64(),
        seen[0],
        seen[1],
        slowest_save.as_millis(),
    );
    // Kills landed at different points of the save cycle, not always at the same one.
    assert!(
        seen[0] > 0 && seen[1] > 0,
        "every kill found the same version: {seen:?}"
    );

    // The next save cleans up whatever the last kill left behind.
    file::save(&docs[0], &map).expect("saves");
    assert_eq!(temporaries_of(&map), Vec::<PathBuf>::new());
}

fn touch_with_age(path: &Path, age: Duration, newer: bool) {
    let handle = std::fs::File::create(path).expect("create");
    let now = SystemTime::now();
    let when = if newer { now + age } else { now - age };
    handle.set_modified(when).expect("set mtime");
}

#[test]
fn a_save_removes_temporary_files_an_interrupted_save_left_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("org.ron");
    let docs = versions();
    file::save(&docs[0], &map).expect("first save");
    let stale = [
        dir.path().join(".org.ron.a1B2c3.tmp"),
        dir.path().join(".org.ron.zz9x.tmp"),
    ];
    for path in &stale {
        touch_with_age(path, Duration::from_secs(60), false);
    }
    assert_eq!(temporaries_of(&map), stale.to_vec());

    file::save(&docs[1], &map).expect("second save");
    assert_eq!(temporaries_of(&map), Vec::<PathBuf>::new());
    assert!(file::load(&map).expect("loads") == docs[1]);
}

#[test]
fn a_save_keeps_newer_temporary_files_and_those_of_other_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = dir.path().join("org.ron");
    // Written after this save began: another save of the same map may still be under way.
    let in_progress = dir.path().join(".org.ron.busy01.tmp");
    touch_with_age(&in_progress, Duration::from_secs(3_600), true);
    let others = [
        dir.path().join(".other.ron.old001.tmp"),
        dir.path().join(".org.ron.notes"),
        dir.path().join("org.ron.bak.tmp"),
    ];
    for path in &others {
        touch_with_age(path, Duration::from_secs(60), false);
    }

    file::save(&versions()[0], &map).expect("saves");
    assert!(in_progress.exists(), "a newer temporary file was removed");
    for path in &others {
        assert!(path.exists(), "{} was removed", path.display());
    }
}
