// Numerics: log-gamma, the regularized incomplete beta, Student's t CDF and quantile (against
// printed t tables and values computed with SciPy 1.17), and the seeded PRNG.
import { describe, expect, it } from "vitest";
import {
  hashString,
  logGamma,
  mulberry32,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
} from "./distributions";

const relClose = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe("log-gamma", () => {
  it("matches factorials and Γ(½) = √π", () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    relClose(logGamma(5), Math.log(24), 1e-14);
    relClose(logGamma(11), Math.log(3628800), 1e-14);
    relClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    relClose(logGamma(171), 706.5730622457874, 1e-13); // ln(170!)
  });
});

describe("regularized incomplete beta", () => {
  it("satisfies closed forms: I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b, I_½(a,a) = ½", () => {
    relClose(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-13);
    relClose(regularizedIncompleteBeta(0.7, 3, 1), 0.343, 1e-13);
    relClose(regularizedIncompleteBeta(0.2, 1, 4), 1 - 0.8 ** 4, 1e-13);
    relClose(regularizedIncompleteBeta(0.5, 7.5, 7.5), 0.5, 1e-13);
  });
  it("matches SciPy's betainc, including extreme parameters", () => {
    relClose(regularizedIncompleteBeta(0.3, 2.5, 7), 0.6412224629717214, 1e-12);
    relClose(regularizedIncompleteBeta(0.9, 5000, 0.5), 4.1123160890508647e-231, 1e-9);
  });
  it("is 0 and 1 at the ends and NaN for invalid parameters", () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, 0, 3)).toBeNaN();
  });
});

describe("Student's t CDF", () => {
  it("has the closed forms for df = 1 (Cauchy) and df = 2", () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14);
    relClose(studentTCdf(-50, 1), 0.5 - Math.atan(50) / Math.PI, 1e-12);
    expect(studentTCdf(1, 2)).toBeCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), 14); // 0.788675
  });
  it("matches SciPy's t.cdf (values to 1e-10 relative, small tails included)", () => {
    relClose(studentTCdf(2.262, 9), 0.9749935772487727, 1e-12);
    relClose(studentTCdf(-2, 5), 0.050969739414929174, 1e-10);
    relClose(studentTCdf(2.5, 20), 0.9893832272804338, 1e-12);
    relClose(studentTCdf(-40, 3), 1.7190340394579253e-5, 1e-10);
    relClose(studentTCdf(-10, 30), 2.287625704114809e-11, 1e-10);
    relClose(studentTCdf(-8, 10000), 6.910604364532651e-16, 1e-10);
    relClose(studentTCdf(0.5, 0.7), 0.634799156658835, 1e-12); // non-integer df
  });
  it("tends to the normal for large df: P(T ≤ 1.959964) ≈ 0.975", () => {
    expect(studentTCdf(1.959964, 1e6)).toBeCloseTo(0.975, 5);
  });
  it("is symmetric, ½ at 0, and handles infinities and invalid input", () => {
    for (const [t, df] of [
      [0.3, 4],
      [3.1, 12],
      [7, 2.5],
    ] as const)
      relClose(studentTCdf(t, df) + studentTCdf(-t, df), 1, 1e-14);
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTCdf(NaN, 3)).toBeNaN();
  });
  it("has a density that integrates to the CDF (trapezoid check)", () => {
    let area = 0;
    const h = 1e-3;
    for (let x = -1; x < 1.5 - h / 2; x += h)
      area += ((studentTPdf(x, 6) + studentTPdf(x + h, 6)) / 2) * h;
    expect(area).toBeCloseTo(studentTCdf(1.5, 6) - studentTCdf(-1, 6), 6);
  });
});

describe("Student's t quantile", () => {
  it("reproduces the t table: t(0.975; 9) = 2.262, t(0.975; 29) = 2.045, t(0.95; 1) = 6.314, t(0.975; 2) = 4.303, t(0.975; 120) = 1.980", () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798205, 10);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045229642132703, 10);
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313751514675037, 9);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 10);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.9799304050824402, 10);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
  });
  it("handles lower tails, extreme tails and non-integer df", () => {
    expect(studentTQuantile(0.01, 7)).toBeCloseTo(-2.9979515668685286, 10);
    relClose(studentTQuantile(1e-10, 1), -3183098861.8379064, 1e-9);
    relClose(studentTQuantile(0.999999, 5), 24.771029720372493, 1e-10);
    expect(studentTQuantile(0.6, 3.5)).toBeCloseTo(0.27326545405577973, 12);
  });
  it("inverts the CDF", () => {
    for (const df of [1, 3, 9, 29, 1000])
      for (const p of [0.001, 0.2, 0.5, 0.9, 0.975])
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
  });
  it("returns ±∞ at 0 and 1 and NaN outside [0, 1]", () => {
    expect(studentTQuantile(0, 5)).toBe(-Infinity);
    expect(studentTQuantile(1, 5)).toBe(Infinity);
    expect(studentTQuantile(1.2, 5)).toBeNaN();
    expect(studentTQuantile(0.5, -1)).toBeNaN();
  });
});

describe("mulberry32", () => {
  it("is deterministic per seed, differs across seeds, and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    const r = mulberry32(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
  it("hashString is stable and seed-dependent", () => {
    expect(hashString("a")).toBe(0xe40c292c); // FNV-1a("a")
    expect(hashString("b\u0000quality", 1)).not.toBe(hashString("b\u0000quality", 2));
  });
});
