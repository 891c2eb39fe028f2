export type * from "./dto.ts";
