import "client-only";
// Photo-quality hints for the face photo. Pure TypeScript with no DOM dependency, so it runs in
// the browser on a camera frame and in Node under vitest on synthetic images.
//
// These are hints, never gates: the person can always use the photo they chose. The rule that
// shapes every check here is that a person's skin tone must never trigger a problem. CBP One's
// face capture failed people with darker skin; a check that reads "dark pixels where the face is"
// as "too dark" would repeat that. So exposure is judged on the whole frame, sharpness is judged
// relative to the frame's own contrast, and the face detector's "no face" is the softest hint.

export type QualityProblem =
  | "too_dark"
  | "too_bright"
  | "blurry"
  | "face_not_centered"
  | "face_too_small"
  | "no_face";

export interface QualityReport {
  /** Mean luma (0–255, Rec. 601) of the whole frame: the number exposure is judged on. */
  brightness: number;
  /** Mean luma of the central region, where a face would be. Reported, never used to flag darkness. */
  centerBrightness: number;
  /** Standard deviation of luma over the frame (RMS contrast, 0–~128). */
  contrast: number;
  /** Variance of a brightness-relative Laplacian (see normalizedLaplacianVariance). */
  sharpness: number;
  /** Most important first: the live hint shows problems[0]. */
  problems: QualityProblem[];
}

/** Structurally an ImageData (RGBA, row-major), without needing DOM types. */
export interface PixelImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A face box in the pixel coordinates of the analysed image (FaceDetector's boundingBox). */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GrayImage {
  data: Float32Array;
  width: number;
  height: number;
}

export const THRESHOLDS = {
  // The analysis runs on at most this width: ~19k pixels, a few ms on a cheap phone.
  analysisMaxWidth: 160,
  // Underexposure needs BOTH a low mean and a low 95th percentile. A dark-skinned face, dark hair
  // and dark clothes can pull the mean down in a well-lit scene, but a lit scene still has bright
  // parts (wall, window, shirt, highlights on skin, the whites of the eyes), so its top 5% stays
  // well above 110. Only when the light itself is missing does the whole histogram sink.
  darkMean: 45,
  darkP95: 110,
  // Washed out: the whole frame is very bright, or a large share of it (or of the central region)
  // is clipped to white, where no detail is left. Clipping is a property of the light, not of skin.
  brightMean: 215,
  clippedLevel: 250,
  clippedShare: 0.25,
  // Sharpness is a Laplacian relative to the local brightness (see normalizedLaplacianVariance);
  // this is added to the local mean so near-black pixels do not divide by almost nothing.
  weberFloor: 10,
  // Calibrated in analyze.test.ts on synthetic head-and-shoulders scenes at the 320 px live-frame
  // size (light to very dark skin, a dim room, a dark room): sharp they score 530–920; under a 3×3
  // box blur (soft cheap optics, still fine) 190–350; 5×5, 70–150; 7×7, 30–67; 9×9 (≈ σ 10 px on
  // a 1280 px capture: clearly blurry) 15–38. Two real 720 px photos, Gaussian-blurred before the
  // same 320 px resize: 113–172 at σ 2 (soft but usable), 22–34 at σ 3. The bar sits low on
  // purpose, about 2× from both the soft-but-fine and the clearly blurred cases: "blurry" should
  // mean clearly blurry, because a false hint costs trust and time.
  blurry: 80,
  // Face framing, as fractions of the frame.
  maxCenterOffset: 0.2,
  minFaceWidth: 0.2,
} as const;

// Live hints and the review show problems[0] first: light, then blur, then framing. "no_face" is
// last because face detectors are the least reliable signal (and themselves known to miss darker
// faces more often), so it should never hide a more useful hint.
const PRIORITY: readonly QualityProblem[] = [
  "too_dark",
  "too_bright",
  "blurry",
  "face_too_small",
  "face_not_centered",
  "no_face",
];

/**
 * Luma (Rec. 601) averaged over f×f blocks, with f the smallest whole factor that brings the width
 * to at most maxWidth. Block averaging is cheap, anti-aliases, and averages away sensor noise, so
 * the same scene gives about the same numbers at any camera resolution.
 */
export function downscaleToGray(image: PixelImage, maxWidth: number): GrayImage {
  const { data, width, height } = image;
  if (width < 1 || height < 1 || data.length < width * height * 4) {
    throw new RangeError("downscaleToGray: image is empty or its data is too short");
  }
  const f = Math.max(1, Math.ceil(width / Math.max(1, Math.floor(maxWidth))));
  const w = Math.max(1, Math.floor(width / f));
  const h = Math.max(1, Math.floor(height / f));
  const out = new Float32Array(w * h);
  // A leftover strip narrower than one block (at most f-1 pixels) is ignored.
  const usedWidth = Math.min(width, w * f);
  const usedHeight = Math.min(height, h * f);
  for (let y = 0; y < usedHeight; y++) {
    const outRow = Math.floor(y / f) * w;
    let i = y * width * 4;
    for (let x = 0; x < usedWidth; x++, i += 4) {
      out[outRow + Math.floor(x / f)] += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    }
  }
  const area = Math.min(f, width) * Math.min(f, height);
  for (let k = 0; k < out.length; k++) out[k] /= area;
  return { data: out, width: w, height: h };
}

/**
 * Variance of the 4-neighbour Laplacian, each value divided by the local mean luma (a Weber
 * contrast), then scaled as if the scene had a mean luma of 100.
 *
 * Why divided: the same facial detail on darker skin reflects less light, so its raw Laplacian is
 * smaller in proportion; a raw threshold would call darker faces (and dim rooms) "blurry" more
 * often. Reflectance and light both multiply luma, and the ratio cancels them, so only how crisp
 * an edge is remains. `weberFloor` keeps near-black pixels from turning sensor noise into detail.
 */
function normalizedLaplacianVariance(gray: GrayImage): number {
  const { data, width: w, height: h } = gray;
  if (w < 3 || h < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const k = y * w + x;
      const neighbours = data[k - w] + data[k + w] + data[k - 1] + data[k + 1];
      const local = (neighbours + data[k]) / 5;
      const v = ((neighbours - 4 * data[k]) / (local + THRESHOLDS.weberFloor)) * 100;
      sum += v;
      sumSq += v * v;
    }
  }
  const n = (w - 2) * (h - 2);
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

/**
 * Judges one frame. `face`: a detected face box (framing checks), `null` when a detector ran and
 * found nothing (soft "no_face" hint), `undefined` when there is no detector (no face checks).
 */
export function analyzeFrame(image: PixelImage, face?: FaceBox | null): QualityReport {
  const gray = downscaleToGray(image, THRESHOLDS.analysisMaxWidth);
  const { data, width: w, height: h } = gray;
  const histogram = new Uint32Array(256);
  let sum = 0;
  let sumSq = 0;
  let clipped = 0;
  // Central region: the middle 40% of the width and 60% of the height, where the oval guide is.
  const [cx0, cx1, cy0, cy1] = [Math.floor(w * 0.3), Math.ceil(w * 0.7), Math.floor(h * 0.2), Math.ceil(h * 0.8)];
  let centerSum = 0;
  let centerCount = 0;
  let centerClipped = 0;
  for (let y = 0; y < h; y++) {
    const inRows = y >= cy0 && y < cy1;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      sum += v;
      sumSq += v * v;
      histogram[Math.min(255, Math.round(v))]++;
      const isClipped = v >= THRESHOLDS.clippedLevel;
      if (isClipped) clipped++;
      if (inRows && x >= cx0 && x < cx1) {
        centerSum += v;
        centerCount++;
        if (isClipped) centerClipped++;
      }
    }
  }
  const n = w * h;
  const brightness = sum / n;
  const contrast = Math.sqrt(Math.max(0, sumSq / n - brightness * brightness));
  const centerBrightness = centerCount > 0 ? centerSum / centerCount : brightness;
  const p95 = percentile(histogram, n, 0.95);

  const sharpness = normalizedLaplacianVariance(gray);

  const found = new Set<QualityProblem>();
  // Decided on the whole frame only: see THRESHOLDS.darkMean. centerBrightness is not used here.
  const tooDark = brightness < THRESHOLDS.darkMean && p95 < THRESHOLDS.darkP95;
  if (tooDark) found.add("too_dark");
  if (
    brightness > THRESHOLDS.brightMean ||
    clipped / n >= THRESHOLDS.clippedShare ||
    (centerCount > 0 && centerClipped / centerCount >= THRESHOLDS.clippedShare)
  ) {
    found.add("too_bright");
  }
  // In an underexposed frame the Laplacian mostly measures sensor noise, so blur is not judged:
  // the light has to be fixed first, and one clear hint beats two doubtful ones.
  if (!tooDark && sharpness < THRESHOLDS.blurry) found.add("blurry");

  if (face === null) {
    found.add("no_face");
  } else if (face) {
    const offsetX = Math.abs(face.x + face.width / 2 - image.width / 2) / image.width;
    const offsetY = Math.abs(face.y + face.height / 2 - image.height / 2) / image.height;
    if (Math.max(offsetX, offsetY) > THRESHOLDS.maxCenterOffset) found.add("face_not_centered");
    if (face.width < THRESHOLDS.minFaceWidth * image.width) found.add("face_too_small");
  }

  return {
    brightness,
    centerBrightness,
    contrast,
    sharpness,
    problems: PRIORITY.filter((p) => found.has(p)),
  };
}

/** The luma value below which `fraction` of the pixels fall. */
function percentile(histogram: Uint32Array, total: number, fraction: number): number {
  const target = total * fraction;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v];
    if (seen >= target) return v;
  }
  return 255;
}
