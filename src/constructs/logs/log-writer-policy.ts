import { LOG_INDEX_PREFIX } from "./defaults";

/**
 * The only IAM permission of the log shipper: signed POST/PUT to the domain's `_bulk` API and to
 * `logs-*` indices. No reads, no deletes, no cluster settings; inside the domain, fine-grained
 * access control narrows it again to the `logs-writer` role mapping.
 */
export function logWriterStatements(domainArn: string): Record<string, unknown>[] {
  return [
    {
      Sid: "WriteLogIndices",
      Effect: "Allow",
      Action: ["es:ESHttpPost", "es:ESHttpPut"],
      Resource: [`${domainArn}/_bulk`, `${domainArn}/${LOG_INDEX_PREFIX}-*`],
    },
  ];
}
