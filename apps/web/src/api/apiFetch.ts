import { ApiError, NETWORK_ERROR } from './ApiError.ts';
import { fileNameFromDisposition } from './contentDisposition.ts';

/** How a REST call is made: method, JSON body, and the token that opens the plan. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a Blob (an uploaded file) is sent as it is, with its own type. */
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`: a session, invite or administrator token. */
  token?: string | null;
  signal?: AbortSignal;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy or a crashed server may answer with HTML or nothing; the status still says something.
  }
  const code = typeof body.code === 'string' ? body.code : `http-${response.status}`;
  const message =
    typeof body.message === 'string' && body.message
      ? body.message
      : `${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, code, message);
}

/** Calls `/api<path>` and returns the successful response; failures throw an `ApiError`. */
async function apiResponse(path: string, request: ApiRequest): Promise<Response> {
  const { method = 'GET', body, token, signal } = request;
  const headers: Record<string, string> = {};
  const file = body instanceof Blob ? body : null;
  if (file) headers['content-type'] = file.type || 'application/octet-stream';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: file ?? (body === undefined ? null : JSON.stringify(body)),
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** Calls `/api<path>` and returns the parsed JSON body; failures throw an `ApiError`. */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const response = await apiResponse(path, request);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A file the server sent: its bytes and the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition; null when the server named none. */
  fileName: string | null;
}

/** Calls `/api<path>` for a file; failures throw an `ApiError` like `apiFetch`. */
export async function apiDownload(path: string, request: ApiRequest = {}): Promise<DownloadedFile> {
  const response = await apiResponse(path, request);
  const fileName = fileNameFromDisposition(response.headers.get('content-disposition'));
  return { blob: await response.blob(), fileName };
}
