import type { INodeProperties } from 'n8n-workflow';

import { operationRoute } from '../../../shared/routing';
import { cursorPaging, returnAllAndLimit } from '../../common/lists';
import { phoneNumberLocator } from '../../common/locators';
import { checkAgentFilter, requireId } from '../../common/body';
import { butterAi } from '../../profile';
import { phoneNumberImportDescription, sendPhoneNumberImportBody } from './import';
import { phoneNumberUpdateDescription, sendPhoneNumberUpdateBody } from './update';

const numberUrl = '=/v1/phone-numbers/{{$parameter.phoneNumberId}}';
const checkNumber = requireId('phoneNumberId', 'phon_', 'Phone Number');

export const phoneNumberDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a phone number',
				description: 'Remove the number from Butter AI (the number stays yours at its provider)',
				routing: operationRoute(butterAi, 'DELETE', numberUrl, { preSend: [checkNumber] }),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a phone number',
				routing: operationRoute(butterAi, 'GET', numberUrl, { preSend: [checkNumber] }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many phone numbers',
				routing: operationRoute(butterAi, 'GET', '/v1/phone-numbers', { paging: cursorPaging, preSend: [checkAgentFilter] }),
			},
			{
				name: 'Import',
				value: 'import',
				action: 'Import a phone number',
				description: 'Bring a Twilio or SIP number into Butter AI',
				routing: operationRoute(butterAi, 'POST', '/v1/phone-numbers', { preSend: [sendPhoneNumberImportBody] }),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a phone number',
				description: 'Assign it to an agent, set its status callback URL, or change its settings',
				routing: operationRoute(butterAi, 'PATCH', numberUrl, { preSend: [checkNumber, sendPhoneNumberUpdateBody] }),
			},
		],
		default: 'getAll',
	},
	...phoneNumberImportDescription,
	{ ...phoneNumberLocator(), displayOptions: { show: { resource: ['phoneNumber'], operation: ['get', 'delete'] } } },
	...phoneNumberUpdateDescription,
	...returnAllAndLimit('phoneNumber'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['phoneNumber'], operation: ['getAll'] } },
		options: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '', routing: { send: { type: 'query', property: 'agent_id' } } },
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				options: [
					{ name: 'SIP', value: 'sip' },
					{ name: 'Twilio', value: 'twilio' },
				],
				default: 'twilio',
				routing: { send: { type: 'query', property: 'provider' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Assigned', value: 'assigned' },
					{ name: 'Free', value: 'free' },
				],
				default: 'free',
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];
