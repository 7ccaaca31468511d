<?php // DatabaseUpdater stand-in
