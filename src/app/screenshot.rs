//! `--screenshot`: once the folder has loaded, select the first dated event,
//! let the layout settle, then save the window as a PNG and close.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::NewslineApp;

/// Frames to wait after selecting before taking the screenshot, so layout
/// and scrolling have settled.
const SCREENSHOT_SETTLE_FRAMES: u32 = 8;

pub(super) struct ScreenshotJob {
    pub(super) out: PathBuf,
    pub(super) frames_after_select: u32,
    pub(super) requested: bool,
    pub(super) image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
}

impl NewslineApp {
    pub(super) fn screenshot_step(&mut self, ctx: &egui::Context) {
        if self.screenshot.is_none() || self.loading.is_some() {
            return;
        }
        let first_dated = || {
            self.filtered
                .iter()
                .copied()
                .find(|&id| self.view.corpus.event(id).is_some_and(|e| e.date.is_some()))
        };
        let pick = match &self.screenshot {
            Some(job) if job.frames_after_select == 0 && self.selected.is_none() => first_dated(),
            _ => None,
        };
        let Some(job) = &mut self.screenshot else {
            return;
        };
        if pick.is_some() {
            self.selected = pick;
            self.scroll_to_selected = true;
        }
        job.frames_after_select += 1;
        if job.frames_after_select == SCREENSHOT_SETTLE_FRAMES && !job.requested {
            job.requested = true;
            let slot = job.image.clone();
            let repaint = ctx.clone();
            ctx.request_screenshot(move |img| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(img);
                }
                repaint.request_repaint();
            });
        }
        let image = job.image.lock().ok().and_then(|mut s| s.take());
        if let Some(img) = image {
            let result =
                save_png(&job.out, &img).map_err(|e| format!("{}: {e}", job.out.display()));
            if let Ok(mut r) = self.screenshot_result.lock() {
                *r = Some(result);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

fn save_png(path: &Path, img: &egui::ColorImage) -> std::io::Result<()> {
    let [w, h] = img.size;
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, w as u32, h as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(std::io::Error::other)?;
        let rgba: Vec<u8> = img
            .pixels
            .iter()
            .flat_map(|c| c.to_srgba_unmultiplied())
            .collect();
        writer
            .write_image_data(&rgba)
            .map_err(std::io::Error::other)?;
    }
    crate::fsutil::atomic_write(path, &bytes)
}
