// GET .../optimization/jobs/{job_id}/cells?variant=&persona=&scenario=&metric=&min_score=&max_score=&sort=&page=&limit=
import { paginate } from "@/lib/api/schemas";
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listJobCells, toJobCell } from "@/lib/optimization/cells";
import { jobCellsOp } from "@/lib/optimization/operations";

export const GET = route(jobCellsOp, async ({ ctx, params, query }) => {
  const { total, cells, scenarios } = await listJobCells(ctx, params.job_id, query);
  return { cells: cells.map(toJobCell), ...paginate(total, query.page, query.limit), scenarios };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(jobCellsOp);
