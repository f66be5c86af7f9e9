const { src, dest, parallel } = require('gulp');

/** n8n loads icons and each node's codex (*.node.json) from dist, beside the compiled code. */
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(buildIcons, copyCodex);
