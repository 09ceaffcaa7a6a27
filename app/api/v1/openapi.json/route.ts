import { openApiDocument } from "@/lib/api/openapi";

/** The API's OpenAPI 3.1 description. Public: it describes the routes and holds no data. */
export function GET() {
  return Response.json(openApiDocument());
}
