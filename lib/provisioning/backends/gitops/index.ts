import { namespaceName } from "../../naming";
import type { Backend, BackendContext, ProvisionedRequest } from "../types";
import { deployedServices, environmentExpiry, manifestDirectory, refuseOtherRequests, renderManifests, serviceSource, toYaml } from "./manifests";
import { GitopsRepo } from "./repo";
import { displayUrl, GITOPS_SETTINGS, gitopsSettings } from "./settings";

/**
 * Namespaces as code: a request's manifests are committed to
 * clusters/<cluster>/namespaces/<team>-<name>/ of the GitOps repository and
 * pushed; Argo CD or Flux applies them. Handles namespace requests and the
 * Kubernetes part of environment requests (the same objects plus one Argo CD
 * Application per service, labelled with the expiry): the environment
 * composite calls provision()/decommission() with its own context.
 */
export const gitopsBackend: Backend = {
  id: "gitops",
  title: "GitOps repository",
  settings: GITOPS_SETTINGS,
  // Without RUNWAY_GITOPS_REPO Runway keeps its own repository in the data dir, so only invalid values unconfigure it.
  configured() {
    try {
      gitopsSettings();
      return true;
    } catch {
      return false;
    }
  },
  async health() {
    try {
      return await new GitopsRepo(gitopsSettings()).health();
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  },
  provision: ensureManifests,
  decommission: removeManifests,
};

async function ensureManifests(ctx: BackendContext): Promise<void> {
  const { request } = ctx;
  const settings = gitopsSettings();
  // Read now, not at approval: a service registered or moved since is deployed from where it is today.
  const services = deployedServices(request);
  const locations = services.length ? await ctx.sourceLocations(services) : new Map<string, string>();
  const manifests = renderManifests(request, settings, await expiry(ctx), locations);
  const dir = manifestDirectory(request, settings);
  const files = new Map(manifests.map((m) => [m.file, toYaml(m, request.id)]));
  await ctx.step(`Rendered ${manifests.length} manifests for namespace ${namespaceName(request)}`, { path: dir, files: [...files.keys()] });
  if (services.length) {
    const sources = services.map((service) => ({ service, sourceLocation: locations.get(service), ...serviceSource(service, locations.get(service), settings) }));
    await ctx.step(`Argo CD deploys ${sources.map(describeSource).join("; ")}`, { sources });
  }

  const guard = (current: Map<string, string>) => refuseOtherRequests(current, request.id, dir);
  const { commit, committed } = await new GitopsRepo(settings, ctx.signal).sync(dir, files, commitMessage("Provision", request), guard);
  await ctx.saveOutputs({ gitRepo: displayUrl(settings.repo), gitBranch: settings.branch, path: dir, commit, namespace: namespaceName(request) });
  await ctx.step(
    committed ? `Committed ${short(commit)} to ${settings.branch} and pushed` : `The manifests were already on ${settings.branch} (${short(commit)})`,
    { commit },
  );
}

async function removeManifests(ctx: BackendContext): Promise<void> {
  const { request } = ctx;
  const settings = gitopsSettings();
  // The directory it was provisioned in, even if the cluster settings changed since.
  const saved = ctx.outputs.path;
  const dir = typeof saved === "string" && /^clusters\/[a-z0-9._-]+\/namespaces\/[a-z0-9-]+$/.test(saved) ? saved : manifestDirectory(request, settings);

  const guard = (current: Map<string, string>) => refuseOtherRequests(current, request.id, dir);
  const { commit, committed } = await new GitopsRepo(settings, ctx.signal).sync(dir, null, commitMessage("Decommission", request), guard);
  await ctx.saveOutputs({ decommissionCommit: commit });
  await ctx.step(committed ? `Removed ${dir} in ${short(commit)} and pushed` : `${dir} was already absent from ${settings.branch}`, { commit });
}

/**
 * An environment's expiry is fixed on the first attempt and kept in the
 * outputs (`expiresAt`, ISO): a retry must render the same labels, and the
 * teardown schedule reads it from there. A caller may set it beforehand.
 */
async function expiry(ctx: BackendContext): Promise<Date | null> {
  if (typeof ctx.outputs.expiresAt === "string") return new Date(ctx.outputs.expiresAt);
  const at = environmentExpiry(ctx.request);
  if (at) await ctx.saveOutputs({ expiresAt: at.toISOString() });
  return at;
}

/** Says who asked and who approved, so that `git log` alone answers an auditor. */
export function commitMessage(verb: "Provision" | "Decommission", request: ProvisionedRequest): string {
  return [
    `${verb} ${request.kind} ${request.team}/${request.name} (${request.environment})`,
    "",
    `Request: ${request.id}`,
    `Kind: ${request.kind}`,
    `Team: ${request.team}`,
    `Namespace: ${namespaceName(request)}`,
    `Requested-by: ${request.requestedBy}`,
    `Approved-by: ${request.approvedBy ?? "auto-approved by policy"}`,
  ].join("\n");
}

function describeSource({ service, sourceLocation, source, from }: { service: string; sourceLocation?: string } & ReturnType<typeof serviceSource>): string {
  const where = `${service} from ${source.repoURL} (${source.path} at ${source.targetRevision})`;
  if (from === "catalog") return where;
  return sourceLocation ? `${where}: its catalog source location ${sourceLocation} is not a repository Argo CD can fetch` : `${where}: the catalog gives no source location`;
}

function short(commit: string | null): string {
  return commit ? commit.slice(0, 7) : "no commit";
}
