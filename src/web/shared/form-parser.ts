import type { FastifyInstance } from 'fastify';

/** A submitted HTML form: a field sent several times (checkboxes) becomes an array. */
export type FormBody = Record<string, string | string[]>;

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * The French pages post plain HTML forms (they work without JavaScript). The API stays JSON only:
 * a form body sent under /api gets the same 415 as any other media type.
 */
export function acceptFormBodies(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser(FORM_MEDIA_TYPE)) fastify.removeContentTypeParser(FORM_MEDIA_TYPE);
  const { bodyLimit } = fastify.initialConfig;
  fastify.addContentTypeParser(FORM_MEDIA_TYPE, { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (request.url.startsWith('/api')) {
      done(
        Object.assign(new Error(`Unsupported Media Type: ${FORM_MEDIA_TYPE}`), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      );
      return;
    }
    done(null, parseForm(body as string));
  });
}

export function parseForm(body: string): FormBody {
  // No prototype: a field named __proto__ stays a plain field.
  const form: FormBody = Object.create(null) as FormBody;
  for (const [name, value] of new URLSearchParams(body)) {
    const previous = form[name];
    if (previous === undefined) form[name] = value;
    else form[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return form;
}

/** One field's value as a trimmed string ('' when absent; the first one when sent twice). */
export function formText(form: FormBody, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Every value of a repeated field (checkboxes). */
export function formList(form: FormBody, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
