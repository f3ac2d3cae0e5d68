//! A thread that does the newest job asked of it, for work a frame must not wait for (drawing
//! the zoomed-out picture, routing the links of a drag). A job asked for while another waits
//! replaces it: only the newest matters. Each finished result wakes the UI for a repaint.

use std::sync::{Arc, Condvar, Mutex, mpsc};

use eframe::egui;

/// The newest job not yet taken, and whether the owner is gone.
struct Queue<J> {
    job: Option<(J, egui::Context)>,
    closed: bool,
}

pub struct Latest<J, R> {
    queue: Arc<(Mutex<Queue<J>>, Condvar)>,
    finished: mpsc::Receiver<R>,
}

impl<J: Send + 'static, R: Send + 'static> Latest<J, R> {
    /// Starts the thread; `None` when no thread can be started, and then the owner does the work
    /// in the frame, which works, only slower.
    pub fn start(name: &str, work: impl Fn(J) -> R + Send + 'static) -> Option<Self> {
        let queue = Arc::new((
            Mutex::new(Queue {
                job: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let (send, finished) = mpsc::channel();
        let shared = Arc::clone(&queue);
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                while let Some((job, ctx)) = next_job(&shared) {
                    if send.send(work(job)).is_err() {
                        return;
                    }
                    ctx.request_repaint();
                }
            });
        if let Err(error) = spawned {
            eprintln!("warning: cannot start the {name} thread: {error}");
            return None;
        }
        Some(Self { queue, finished })
    }

    /// Asks for `job`, in place of any job still waiting.
    pub fn ask(&self, job: J, ctx: &egui::Context) {
        let (lock, wake) = &*self.queue;
        lock.lock().unwrap_or_else(|e| e.into_inner()).job = Some((job, ctx.clone()));
        wake.notify_one();
    }

    /// Drops a job not yet started; a result already being worked out still arrives.
    pub fn cancel(&self) {
        self.queue.0.lock().unwrap_or_else(|e| e.into_inner()).job = None;
    }

    /// The newest result that arrived since the last call, if any.
    pub fn take_finished(&self) -> Option<R> {
        self.finished.try_iter().last()
    }
}

impl<J, R> Drop for Latest<J, R> {
    fn drop(&mut self) {
        let (lock, wake) = &*self.queue;
        lock.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        wake.notify_all();
    }
}

/// Waits for the next job; `None` once the owner is gone.
fn next_job<J>(queue: &(Mutex<Queue<J>>, Condvar)) -> Option<(J, egui::Context)> {
    let (lock, wake) = queue;
    let mut queue = lock.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if queue.closed {
            return None;
        }
        if let Some(job) = queue.job.take() {
            return Some(job);
        }
        queue = wake.wait(queue).unwrap_or_else(|e| e.into_inner());
    }
}
