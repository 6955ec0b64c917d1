import type { TokenRole } from '../src/tokens/access-token.entity';
import { TokensService } from '../src/tokens/tokens.service';
import type { TestApp } from './test-app';

export interface TestToken {
  id: string;
  token: string;
  /** `Authorization` header value. */
  bearer: string;
}

/** A live token of this role, created through the service as the CLI does. */
export async function createToken(testApp: TestApp, role: TokenRole, organisation = `Test ${role}`): Promise<TestToken> {
  const created = await testApp.app.get(TokensService).create(organisation, role);
  return { id: created.id, token: created.token, bearer: `Bearer ${created.token}` };
}
