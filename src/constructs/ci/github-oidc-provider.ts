import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Construct } from "constructs";

/** GitHub Actions' OIDC issuer; one provider per AWS account. */
export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
/**
 * Thumbprints GitHub publishes for its issuer. AWS now validates this issuer against its own
 * trust store and ignores them, but the API still stores a list.
 */
export const GITHUB_OIDC_THUMBPRINTS = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"];

/** The account's trust in GitHub Actions tokens (audience `sts.amazonaws.com`). */
export class GithubOidcProvider extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const provider = new IamOpenidConnectProvider(this, "provider", {
      url: GITHUB_OIDC_URL,
      clientIdList: ["sts.amazonaws.com"],
      thumbprintList: GITHUB_OIDC_THUMBPRINTS,
      tags: { Name: "github-actions" },
    });
    this.arn = provider.arn;
  }
}
