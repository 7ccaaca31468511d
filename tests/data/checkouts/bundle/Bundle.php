<?php
// The loader of a repository bundling several extensions, one per folder.
wfLoadExtensions( [ 'Cards', 'Pins' ] );
