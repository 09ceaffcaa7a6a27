import { z } from "zod";
import { checkWindow, windowBound } from "../schemas";
import { DEFAULT_MIN_RESPONSES, MAX_CUSTOM_ITEMS, MIN_RESPONSES_FLOOR } from "./items";

/** A form's repeated field arrives as one string when only one is filled in. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const day = z.iso.date("must be a date such as 2024-05-06");

export const openRoundSchema = z
  .object({
    title: z.string({ error: "Give the round a title" }).trim().min(3, "Give the round a title of at least 3 characters").max(120, "Keep the title under 120 characters"),
    opensOn: day,
    closesOn: day,
    teams: list(z.string().trim().min(1)).pipe(z.array(z.string()).min(1, "Choose at least one team")),
    minResponses: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(MIN_RESPONSES_FLOOR, `must be at least ${MIN_RESPONSES_FLOOR}, so that no one's answers can be told apart`)
      .max(100, "must be at most 100")
      .default(DEFAULT_MIN_RESPONSES),
    customItems: list(z.string().trim().max(200, "Keep each question under 200 characters"))
      .transform((items) => items.filter(Boolean))
      .pipe(z.array(z.string()).max(MAX_CUSTOM_ITEMS, `Add at most ${MAX_CUSTOM_ITEMS} questions of your own`)),
  })
  .refine((r) => r.closesOn >= r.opensOn, { path: ["closesOn"], message: "must be on or after the opening day" });

export type OpenRoundInput = z.input<typeof openRoundSchema>;
export type OpenRound = z.output<typeof openRoundSchema>;

export const responseSchema = z.object({
  roundId: z.uuid("Not a survey round"),
  /** Only needed when the person is in more than one of the round's teams. */
  team: z.string().trim().min(1).optional(),
  answers: z.record(z.string(), z.coerce.number({ error: "Choose an answer" }).int("Choose an answer"), { error: "Answer the questions" }).default({}),
  comment: z
    .string()
    .trim()
    .max(2000, "Keep the comment under 2,000 characters")
    .optional()
    .transform((c) => c || null),
});

export type ResponseInput = z.input<typeof responseSchema>;
export type SubmittedResponse = z.output<typeof responseSchema>;

/** The dashboard's and the API's filters: `team` is a team name or `*` for the whole organisation; `round` a round id. */
export const devexQuerySchema = z
  .object({
    team: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").optional(),
    round: z.uuid("must be a survey round id").optional(),
    from: windowBound.optional(),
    to: windowBound.optional(),
  })
  .superRefine(checkWindow);

export type DevexQuery = z.infer<typeof devexQuerySchema>;

/** The filters as they appear in the dashboard's URL, in one order. */
export const DEVEX_FILTERS = ["team", "round", "from", "to"] as const;
export type DevexFilters = Partial<Record<(typeof DEVEX_FILTERS)[number], string>>;

export function devexHref(f: DevexFilters): string {
  const params = new URLSearchParams();
  for (const key of DEVEX_FILTERS) if (f[key]) params.set(key, f[key]!);
  const query = params.toString();
  return query ? `/metrics/devex?${query}` : "/metrics/devex";
}
