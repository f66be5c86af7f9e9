import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Parameter → API field of the SIP settings (VENDOR-NOTES: Butter AI phone numbers). */
export const sipFieldNames: Record<string, string> = {
	sipTrunkName: 'sip_trunk_name',
	sipUsername: 'sip_username',
	sipPassword: 'sip_password',
	inboundRoomName: 'inbound_room_name',
	inboundPin: 'inbound_pin',
	mediaEncryption: 'media_encryption',
};

/** The SIP settings' fields, for import (a collection) and update (among the update fields). */
export const sipSettingOptions: INodeProperties[] = [
	{
		displayName: 'Inbound PIN',
		name: 'inboundPin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: '4–10 characters',
	},
	{ displayName: 'Inbound Room Name', name: 'inboundRoomName', type: 'string', default: '' },
	{
		displayName: 'Media Encryption',
		name: 'mediaEncryption',
		type: 'options',
		options: [
			{ name: 'Allow', value: 'allow' },
			{ name: 'Disable', value: 'disable' },
			{ name: 'Require', value: 'require' },
		],
		default: 'allow',
	},
	{
		displayName: 'SIP Password',
		name: 'sipPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	},
	{ displayName: 'SIP Trunk Name', name: 'sipTrunkName', type: 'string', default: '' },
	{ displayName: 'SIP Username', name: 'sipUsername', type: 'string', default: '' },
];

/** SIP settings; the password and PIN are secrets and never appear in output or errors. */
export function sipProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'SIP Server Address',
			name: 'sipServerAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. sip.example.com:5060',
			displayOptions,
			description: 'Needed for outbound calls',
		},
		{
			displayName: 'SIP Settings',
			name: 'sipFields',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			displayOptions,
			options: sipSettingOptions,
		},
	];
}
