const { src, dest } = require('gulp');

/** n8n loads icons from dist next to the compiled nodes and credentials. */
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
