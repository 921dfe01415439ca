import { describe, expect, it } from "vitest";
import { analyzeFrame, downscaleToGray, THRESHOLDS, type PixelImage } from "./analyze";

// Every image is synthetic, built here, at the 320 px width the live camera hints analyse.
// Calibration numbers quoted in THRESHOLDS come from these scenes.

/** Deterministic noise, so the numbers (and the calibration) never drift between runs. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface SceneOptions {
  wall?: number;
  skin?: number;
  hair?: number;
  shirt?: number;
  light?: number;
  noise?: number;
}

/**
 * A head-and-shoulders scene: a lit wall with a door frame, an oval face with eyes, brows, mouth
 * and a nose highlight, hair and a shirt. `skin` is the face's tone; `light` scales the whole
 * scene, as less light does.
 */
function scene({ wall = 180, skin = 150, hair = 30, shirt = 60, light = 1, noise = 3 }: SceneOptions = {}): PixelImage {
  const [W, H] = [320, 240];
  const rand = random(7);
  const data = new Uint8ClampedArray(W * H * 4);
  const [cx, cy, rx, ry] = [W / 2, H * 0.45, W * 0.16, H * 0.3];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = wall + 20 * (x / W - 0.5);
      if (x > W * 0.05 && x < W * 0.15 && y > H * 0.1 && y < H * 0.5) v = wall - 50;
      const [dx, dy] = [(x - cx) / rx, (y - cy) / ry];
      if (y > H * 0.78 && Math.abs(x - cx) < W * 0.3) v = shirt;
      if (dx * dx + dy * dy < 1.25 && dy < -0.3) v = hair;
      if (dx * dx + dy * dy < 1) {
        v = skin;
        const [ex, ey] = [Math.abs(x - cx) - rx * 0.4, y - (cy - ry * 0.15)];
        if ((ex / (rx * 0.18)) ** 2 + (ey / (ry * 0.07)) ** 2 < 1) v = 235;
        if ((ex / (rx * 0.07)) ** 2 + (ey / (ry * 0.06)) ** 2 < 1) v = 20;
        if (Math.abs(ex) < rx * 0.22 && Math.abs(y - (cy - ry * 0.32)) < ry * 0.03) v = hair;
        if (Math.abs(x - cx) < rx * 0.35 && Math.abs(y - (cy + ry * 0.5)) < ry * 0.04) v = skin * 0.6;
        if (Math.abs(x - cx) < rx * 0.08 && y > cy && y < cy + ry * 0.25) v = skin * 1.15;
      }
      v = v * light + (rand() - 0.5) * noise * 3.4;
      const i = (y * W + x) * 4;
      [data[i], data[i + 1], data[i + 2], data[i + 3]] = [v * 1.05, v, v * 0.9, 255];
    }
  }
  return { data, width: W, height: H };
}

/** Flat regions: `bands` of [share of rows, luma], top to bottom. */
function bands(...parts: [share: number, luma: number][]): PixelImage {
  const [W, H] = [100, 100];
  const data = new Uint8ClampedArray(W * H * 4);
  let row = 0;
  for (const [share, luma] of parts) {
    const end = Math.min(H, row + Math.round(share * H));
    data.fill(luma, row * W * 4, end * W * 4);
    row = end;
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width: W, height: H };
}

/** Separable box blur of the given radius: a (2r+1)×(2r+1) average, edges clamped. */
function boxBlur(image: PixelImage, radius: number): PixelImage {
  const { width: W, height: H } = image;
  let src = Float32Array.from(image.data);
  for (const [sx, sy] of [[1, 0], [0, 1]]) {
    const dst = new Float32Array(src.length);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        for (let c = 0; c < 3; c++) {
          let [sum, n] = [0, 0];
          for (let k = -radius; k <= radius; k++) {
            const [xx, yy] = [x + k * sx, y + k * sy];
            if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
            sum += src[(yy * W + xx) * 4 + c];
            n++;
          }
          dst[(y * W + x) * 4 + c] = sum / n;
        }
        dst[(y * W + x) * 4 + 3] = 255;
      }
    }
    src = dst;
  }
  return { data: Uint8ClampedArray.from(src), width: W, height: H };
}

const SKIN_TONES = { light: 190, medium: 130, dark: 55, veryDark: 35 } as const;

describe("downscaleToGray", () => {
  it("averages f×f blocks of Rec. 601 luma", () => {
    // 4×2: left 2×2 block pure red, right 2×2 block white/black checker.
    const px = [[255, 0, 0], [255, 0, 0], [255, 255, 255], [0, 0, 0], [255, 0, 0], [255, 0, 0], [0, 0, 0], [255, 255, 255]];
    const data = new Uint8ClampedArray(px.flatMap(([r, g, b]) => [r, g, b, 255]));
    const gray = downscaleToGray({ data, width: 4, height: 2 }, 2);
    expect([gray.width, gray.height]).toEqual([2, 1]);
    expect(gray.data[0]).toBeCloseTo(0.299 * 255, 3);
    expect(gray.data[1]).toBeCloseTo(127.5, 3);
  });

  it("keeps at most maxWidth columns and the aspect ratio", () => {
    const image = scene();
    expect(downscaleToGray(image, 160)).toMatchObject({ width: 160, height: 120 });
    expect(downscaleToGray(image, 400)).toMatchObject({ width: 320, height: 240 });
    const big = { data: new Uint8ClampedArray(1000 * 750 * 4), width: 1000, height: 750 };
    expect(downscaleToGray(big, 160)).toMatchObject({ width: 142, height: 107 });
  });

  it("refuses an empty or truncated image", () => {
    expect(() => downscaleToGray({ data: new Uint8ClampedArray(0), width: 0, height: 0 }, 160)).toThrow(RangeError);
    expect(() => downscaleToGray({ data: new Uint8ClampedArray(8), width: 4, height: 4 }, 160)).toThrow(RangeError);
  });
});

describe("exposure never depends on skin tone", () => {
  it.each(Object.entries(SKIN_TONES))("a well-lit frame with a %s face is not too dark", (_, skin) => {
    const report = analyzeFrame(scene({ skin }));
    expect(report.problems).toEqual([]);
  });

  it("a dark face, dark hair and dark clothes in a lit room are not too dark", () => {
    const report = analyzeFrame(scene({ skin: 35, hair: 20, shirt: 25, wall: 110 }));
    expect(report.centerBrightness).toBeLessThan(report.brightness);
    expect(report.problems).not.toContain("too_dark");
  });

  it("a low mean is not too dark while the brightest part of the frame is lit", () => {
    // 92% near-black (skin, hair, clothes filling the frame), 8% lit wall: mean ≈ 41.
    const report = analyzeFrame(bands([0.08, 190], [0.92, 28]));
    expect(report.brightness).toBeLessThan(THRESHOLDS.darkMean);
    expect(report.problems).not.toContain("too_dark");
  });

  it.each(Object.entries(SKIN_TONES))("an underexposed frame is too dark whatever the skin (%s)", (_, skin) => {
    const report = analyzeFrame(scene({ skin, light: 0.2 }));
    expect(report.problems[0]).toBe("too_dark");
    expect(report.problems).not.toContain("blurry"); // not judged without light
  });
});

describe("too bright", () => {
  it("flags a washed-out frame", () => {
    expect(analyzeFrame(scene({ wall: 255, skin: 240, light: 1.1 })).problems).toContain("too_bright");
  });

  it("flags a frame where a quarter is clipped white (a window)", () => {
    expect(analyzeFrame(bands([0.3, 255], [0.7, 120])).problems).toContain("too_bright");
  });

  it("does not flag a bright but unclipped wall, nor light skin", () => {
    expect(analyzeFrame(bands([0.5, 235], [0.5, 150])).problems).not.toContain("too_bright");
    expect(analyzeFrame(scene({ wall: 215, skin: 210 })).problems).toEqual([]);
  });
});

describe("sharpness", () => {
  const tones = Object.values(SKIN_TONES);
  const scenes = [...tones.map((skin) => scene({ skin })), scene({ light: 0.5 }), scene({ skin: 35, wall: 90 })];

  it("calibration: sharp and slightly soft scenes pass, the same scenes box-blurred 9×9 do not", () => {
    for (const image of scenes) {
      expect(analyzeFrame(image).sharpness).toBeGreaterThan(THRESHOLDS.blurry * 5);
      expect(analyzeFrame(boxBlur(image, 1)).problems).not.toContain("blurry");
      expect(analyzeFrame(boxBlur(image, 4)).problems).toContain("blurry");
    }
  });

  // A raw Laplacian variance falls to 1/4 at half the light, and detail on darker skin shrinks in
  // the same proportion; the brightness-relative score barely moves (normalizedLaplacianVariance).
  it("a darker face does not lower the score, a dimmer room lowers it only a little", () => {
    const score = (image: PixelImage) => analyzeFrame(boxBlur(image, 1)).sharpness;
    const reference = score(scene({ skin: SKIN_TONES.light }));
    expect(score(scene({ skin: SKIN_TONES.dark }))).toBeGreaterThan(reference * 0.8);
    expect(score(scene({ skin: SKIN_TONES.veryDark }))).toBeGreaterThan(reference * 0.8);
    expect(score(scene({ light: 0.5 }))).toBeGreaterThan(reference * 0.65);
  });
});

describe("face checks", () => {
  const image = scene(); // 320×240
  const centred = { x: 110, y: 40, width: 100, height: 130 };

  it("are skipped without a face detector", () => {
    expect(analyzeFrame(image).problems).toEqual([]);
    expect(analyzeFrame(image, undefined).problems).toEqual([]);
  });

  it("accept a centred face of a good size", () => {
    expect(analyzeFrame(image, centred).problems).toEqual([]);
  });

  it("hint when the face is off centre or small", () => {
    expect(analyzeFrame(image, { ...centred, x: 200 }).problems).toEqual(["face_not_centered"]);
    expect(analyzeFrame(image, { ...centred, y: 110 }).problems).toEqual(["face_not_centered"]);
    expect(analyzeFrame(image, { x: 140, y: 90, width: 50, height: 60 }).problems).toEqual(["face_too_small"]);
  });

  it("give a soft no_face hint, after every other problem", () => {
    expect(analyzeFrame(image, null).problems).toEqual(["no_face"]);
    expect(analyzeFrame(scene({ light: 0.2 }), null).problems).toEqual(["too_dark", "no_face"]);
  });
});
