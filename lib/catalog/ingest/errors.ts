// Why a bundle is refused: every refusal names the file (or the bundle) and the rule.
import { ApiError } from "@/lib/api/errors";

/** An archive-level refusal (not an archive, truncated, over a limit): 400. */
export function bundleError(file: string | null, rule: string): ApiError {
  return new ApiError("bad_request", file ? `${file}: ${rule}` : `Bundle: ${rule}`);
}

/** A content refusal (the manifest or a component breaks a rule): 422 naming the file and field. */
export function contentError(
  file: string,
  rule: string,
  field: (string | number)[] = [],
): ApiError {
  const where = field.length ? `${file} (${field.join(".")})` : file;
  return new ApiError("validation", `${where}: ${rule}`, {
    errors: [{ loc: ["bundle", file, ...field], msg: rule, type: "value_error" }],
  });
}
