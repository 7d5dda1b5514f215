/**
 * Payloads exactly as Slack documents them, for tests that check the adapter reads what Slack
 * really sends. Tests spread their own ids over these.
 */

/** docs.slack.dev/reference/interaction-payloads/block_actions-payload (sent as `payload=<json>`). */
export const DOCUMENTED_BLOCK_ACTIONS = {
  type: 'block_actions',
  team: {
    id: 'T9TK3CUKW',
    domain: 'example',
  },
  user: {
    id: 'UA8RXUSPL',
    username: 'jtorrance',
    team_id: 'T9TK3CUKW',
  },
  api_app_id: 'AABA1ABCD',
  token: '9s8d9as89d8as9d8as989',
  container: {
    type: 'message_attachment',
    message_ts: '1548261231.000200',
    attachment_id: 1,
    channel_id: 'CBR2V3XEX',
    is_ephemeral: false,
    is_app_unfurl: false,
  },
  trigger_id: '12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3',
  channel: {
    id: 'CBR2V3XEX',
    name: 'review-updates',
  },
  message: {
    bot_id: 'BAH5CA16Z',
    type: 'message',
    text: "This content can't be displayed.",
    user: 'UAJ2RU415',
    ts: '1548261231.000200',
  },
  response_url: 'https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209',
  actions: [
    {
      action_id: 'WaXA',
      block_id: '=qXel',
      text: {
        type: 'plain_text',
        text: 'View',
        emoji: true,
      },
      value: 'click_me_123',
      type: 'button',
      action_ts: '1548426417.840180',
    },
  ],
} as const;

/** docs.slack.dev/reference/interaction-payloads/view-interactions-payload */
export const DOCUMENTED_VIEW_SUBMISSION = {
  type: 'view_submission',
  team: {
    id: 'T1234567',
    domain: 'example-domain',
  },
  user: {
    id: 'U1234567',
    username: 'example-user',
  },
  view: {
    id: 'VNHU13V36',
    type: 'modal',
    title: {
      type: 'plain_text',
      text: 'Modal Title',
    },
    submit: {
      type: 'plain_text',
      text: 'Submit',
    },
    blocks: [],
    private_metadata: 'shhh-its-secret',
    callback_id: 'modal-with-inputs',
    state: {
      values: {
        multiline: {
          mlvalue: {
            type: 'plain_text_input',
            value: 'This is my example inputted value',
          },
        },
        target_channel: {
          target_select: {
            type: 'conversations_select',
            selected_conversation: 'C123B12DE',
          },
        },
      },
    },
    hash: '156663117.cd33ad1f',
    response_urls: [
      {
        block_id: 'target_channel',
        action_id: 'target_select',
        channel_id: 'C123B12DE',
        response_url: 'https://hooks.slack.com/app/ABC12312/1234567890/A100B100C100d100',
      },
    ],
  },
} as const;

/** docs.slack.dev/reference/events/reaction_added (the docs' trailing comma removed). */
export const DOCUMENTED_REACTION_ADDED = {
  token: 'XXYYZZ',
  team_id: 'T123ABC456',
  api_app_id: 'A123ABC456',
  event: {
    type: 'reaction_added',
    user: 'U123ABC456',
    reaction: 'thumbsup',
    item_user: 'U222222222',
    item: {
      type: 'message',
      channel: 'C123ABC456',
      ts: '1360782400.498405',
    },
    event_ts: '1360782804.083113',
  },
  type: 'event_callback',
  authorizations: [
    {
      team_id: 'T123ABC456',
      user_id: 'U123ABC456',
      is_bot: false,
      is_enterprise_install: false,
    },
  ],
  event_id: 'Ev123ABC456',
  event_time: 123456789,
} as const;

/** docs.slack.dev/reference/events/url_verification */
export const DOCUMENTED_URL_VERIFICATION = {
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
  challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
  type: 'url_verification',
} as const;
