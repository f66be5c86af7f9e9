import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The three platforms' credentials differ only in this data; properties, authentication and
 * the connection test are built from it once.
 */
export interface VoiceApiCredentialSpec {
	platform: string;
	defaultBaseUrl: string;
	keyHint: string;
	test: {
		method: IHttpRequestMethods;
		url: string;
		body?: Record<string, unknown>;
		/** Statuses that prove the key was accepted although the request itself was refused. */
		acceptedStatuses?: number[];
	};
	/** The platform's own words for a refused key, shown by n8n's "Test connection". */
	messages: { unauthorized: string; forbidden: string };
	/** Butter's published docs also authenticate with X-API-Key + X-Organization-Id. */
	offersApiKeyHeaderStyle?: boolean;
	/** How fast the key may send (the platform's documented limits as defaults): the nodes pace to it. */
	rateFields?: INodeProperties[];
	/** A signing secret the platform issues in its UI for webhooks. */
	signingSecret?: { description: string };
}

const baseUrlExpression = '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}';

export function voiceApiProperties(spec: VoiceApiCredentialSpec): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `Your ${spec.platform} API key (${spec.keyHint})`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: spec.defaultBaseUrl,
			description: `Leave as ${spec.defaultBaseUrl} for the live platform; point it at a local sandbox for tests and demos`,
		},
	];
	if (spec.offersApiKeyHeaderStyle) {
		properties.push(
			{
				displayName: 'Header Style',
				name: 'headerStyle',
				type: 'options',
				options: [
					{ name: 'Authorization: Bearer', value: 'bearer' },
					{ name: 'X-API-Key + X-Organization-ID', value: 'apiKeyHeader' },
				],
				default: 'bearer',
				description: 'How the key is sent; both are documented by the platform',
			},
			{
				displayName: 'Organization ID',
				name: 'organizationId',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { headerStyle: ['apiKeyHeader'] } },
				description: 'Sent as X-Organization-Id with the X-API-Key header style',
			},
		);
	}
	properties.push(...(spec.rateFields ?? []));
	if (spec.signingSecret) {
		properties.push({
			displayName: 'Webhook Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: spec.signingSecret.description,
		});
	}
	return properties;
}

export function voiceApiAuthentication(spec: VoiceApiCredentialSpec): IAuthenticateGeneric {
	if (!spec.offersApiKeyHeaderStyle) {
		return {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		};
	}
	// n8n resolves header names as expressions too. With the bearer style both entries resolve
	// to the same Authorization header and value, so no empty X-* header is ever sent.
	const apiKeyStyle = '$credentials.headerStyle === "apiKeyHeader"';
	return {
		type: 'generic',
		properties: {
			headers: {
				[`={{ ${apiKeyStyle} ? "X-API-Key" : "Authorization" }}`]: `={{ ${apiKeyStyle} ? $credentials.apiKey : "Bearer " + $credentials.apiKey }}`,
				[`={{ ${apiKeyStyle} ? "X-Organization-Id" : "Authorization" }}`]: `={{ ${apiKeyStyle} ? $credentials.organizationId : "Bearer " + $credentials.apiKey }}`,
			},
		},
	};
}

export function voiceApiTest(spec: VoiceApiCredentialSpec): ICredentialTestRequest {
	const accepted = spec.test.acceptedStatuses ?? [];
	// Every redirect and error status still fails the test except the ones that prove the key works.
	const refusals = Array.from({ length: 300 }, (_, i) => 300 + i).filter(
		(s) => !accepted.includes(s),
	);
	return {
		request: {
			baseURL: baseUrlExpression,
			url: spec.test.url,
			method: spec.test.method,
			...(spec.test.body ? { body: spec.test.body, json: true } : {}),
			...(accepted.length ? { ignoreHttpStatusErrors: { ignore: true, except: refusals } } : {}),
			// The key goes to the Base URL's host only: a redirect fails the test instead.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: spec.messages.unauthorized } },
			{ type: 'responseCode', properties: { value: 403, message: spec.messages.forbidden } },
		],
	};
}
